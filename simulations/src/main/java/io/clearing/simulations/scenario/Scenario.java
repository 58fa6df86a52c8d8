package io.clearing.simulations.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete, validated scenario: a value for every parameter of {@link Parameters} (the file's, an override's or
 * the default) and where each value came from. Immutable; {@link #with(String, String, String)} gives a copy with
 * one value changed, checked.
 */
public final class Scenario
{
    private final Map<String, String> values;
    private final Map<String, String> origins;

    private Scenario(final Map<String, String> values, final Map<String, String> origins)
    {
        this.values = values;
        this.origins = origins;
    }

    /**
     * @return a scenario with every parameter at its default.
     */
    public static Scenario defaults()
    {
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, String> origins = new LinkedHashMap<>();
        for (final Parameter parameter : Parameters.all().values())
        {
            values.put(parameter.key(), parameter.validate(parameter.defaultValue()));
            origins.put(parameter.key(), "default");
        }
        return new Scenario(values, origins);
    }

    /**
     * A copy with one parameter set.
     *
     * @param key    the dotted key.
     * @param value  the value as text.
     * @param origin where it comes from, used as the prefix of error messages ({@code file.yml:12} or
     *               {@code --set}).
     * @throws ScenarioException naming the origin and the key if the key is unknown or the value not allowed.
     */
    public Scenario with(final String key, final String value, final String origin)
    {
        final Parameter parameter = Parameters.find(key);
        if (parameter == null)
        {
            throw new ScenarioException(origin + ": " + key + ": unknown parameter" + suggestion(key));
        }
        final String normalised;
        try
        {
            normalised = parameter.validate(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ScenarioException(origin + ": " + key + ": " + ex.getMessage());
        }
        final Map<String, String> newValues = new LinkedHashMap<>(values);
        final Map<String, String> newOrigins = new LinkedHashMap<>(origins);
        newValues.put(key, normalised);
        newOrigins.put(key, origin);
        return new Scenario(newValues, newOrigins);
    }

    /**
     * Checks the rules that tie parameters together.
     *
     * @return this scenario.
     * @throws ScenarioException naming the parameter and where it was set.
     */
    public Scenario checkConsistent()
    {
        final int rates = text("community.rates").split(",").length;
        if (rates != integer("communities"))
        {
            throw fail("community.rates", "has " + rates + " rate(s) but communities is " + integer("communities"));
        }
        if (integer("public_works.workers") > 0 && !bool("voucher.enabled"))
        {
            throw fail("public_works.workers", "public works are paid in vouchers: set voucher.enabled: true");
        }
        if (bool("voucher.taxes") && !bool("voucher.enabled"))
        {
            throw fail("voucher.taxes", "vouchers for taxes need voucher.enabled: true");
        }
        final long agents = (long)integer("households") + integer("firms");
        if (agents > 50_000_000)
        {
            throw fail("households", "households + firms must be at most 50,000,000");
        }
        return this;
    }

    private ScenarioException fail(final String key, final String reason)
    {
        return new ScenarioException(origins.get(key) + ": " + key + ": " + reason);
    }

    private static String suggestion(final String key)
    {
        final List<String> close = new ArrayList<>();
        final String last = key.substring(key.lastIndexOf('.') + 1);
        for (final String known : Parameters.all().keySet())
        {
            if (known.endsWith("." + last) || known.equals(last))
            {
                close.add(known);
            }
        }
        return close.isEmpty() ? " (see docs/simulations.md for the list)" : " (did you mean " +
            String.join(" or ", close) + "?)";
    }

    /**
     * @return the value of a text parameter.
     */
    public String text(final String key)
    {
        final String value = values.get(key);
        if (value == null)
        {
            throw new IllegalArgumentException("no parameter " + key);
        }
        return value;
    }

    /**
     * @return the value of an integer parameter.
     */
    public int integer(final String key)
    {
        return Math.toIntExact(Long.parseLong(text(key)));
    }

    /**
     * @return the value of an amount parameter, in minor units.
     */
    public long amount(final String key)
    {
        return Long.parseLong(text(key));
    }

    /**
     * @return the value of a decimal parameter.
     */
    public double decimal(final String key)
    {
        return Double.parseDouble(text(key));
    }

    /**
     * @return the value of a boolean parameter.
     */
    public boolean bool(final String key)
    {
        return Boolean.parseBoolean(text(key));
    }

    /**
     * @return the values of a decimal-list parameter.
     */
    public double[] decimals(final String key)
    {
        final String[] parts = text(key).split(",");
        final double[] result = new double[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            result[i] = Double.parseDouble(parts[i]);
        }
        return result;
    }

    /**
     * @return every value by key, in documentation order.
     */
    public Map<String, String> values()
    {
        return Collections.unmodifiableMap(values);
    }

    /**
     * @return where the value of {@code key} came from: {@code default}, {@code FILE:LINE} or {@code --set}.
     */
    public String origin(final String key)
    {
        return origins.get(key);
    }

    /**
     * The scenario as a YAML file that loads back to the same values: every parameter with its meaning and range as
     * a comment, and a header with the run settings.
     *
     * @param header lines written first as comments (seed, replications, command).
     */
    public String toYaml(final List<String> header)
    {
        final StringBuilder out = new StringBuilder(8192);
        for (final String line : header)
        {
            out.append("# ").append(line).append('\n');
        }
        for (final Parameter parameter : Parameters.all().values())
        {
            out.append("# ").append(parameter.doc());
            if (!parameter.range().isEmpty())
            {
                out.append(" ").append(parameter.range());
            }
            out.append(" (default ").append(parameter.defaultValue()).append(")\n");
            final String value = values.get(parameter.key());
            out.append(parameter.key()).append(": ");
            if (parameter.kind() == Parameter.Kind.TEXT || parameter.kind() == Parameter.Kind.DECIMAL_LIST)
            {
                out.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            else
            {
                out.append(value);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
