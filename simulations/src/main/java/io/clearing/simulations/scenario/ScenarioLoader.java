package io.clearing.simulations.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads scenario files: YAML mappings whose keys are the parameters of {@link Parameters}, nested
 * ({@code voucher:} then {@code   enabled: true}) or dotted ({@code voucher.enabled: true}). Every problem is refused
 * with {@code FILE:LINE: key: reason}; nothing half-read is ever returned.
 * <p>
 * The shipped scenarios are resources under {@code /scenarios/} and load by name ({@code village}).
 */
public final class ScenarioLoader
{
    /**
     * Names of the scenarios shipped with the simulations, loadable with {@link #loadByName(String)}.
     */
    public static final List<String> SHIPPED = List.of("village", "shaymuratovo", "worgl", "mutual-credit",
        "communities");

    private static final YAMLFactory YAML = new YAMLFactory();

    private ScenarioLoader()
    {
    }

    /**
     * Loads a scenario from a file path, or a shipped scenario by name when no such file exists and the argument has
     * no directory or extension.
     */
    public static Scenario load(final String pathOrName) throws IOException
    {
        final Path path = Path.of(pathOrName);
        if (!Files.exists(path) && SHIPPED.contains(pathOrName))
        {
            return loadByName(pathOrName);
        }
        if (!Files.exists(path))
        {
            throw new ScenarioException(pathOrName + ": no such file, and not a shipped scenario (one of " +
                String.join(", ", SHIPPED) + ")");
        }
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    }

    /**
     * Loads a shipped scenario.
     */
    public static Scenario loadByName(final String name) throws IOException
    {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream("/scenarios/" + name + ".yml"))
        {
            if (in == null)
            {
                throw new ScenarioException(name + ": not a shipped scenario (one of " + String.join(", ", SHIPPED) +
                    ")");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yml");
        }
    }

    /**
     * Parses scenario text.
     *
     * @param text   the YAML text.
     * @param source the name used in error messages.
     * @return the scenario: defaults overridden by the text, consistency checked.
     */
    public static Scenario parse(final String text, final String source)
    {
        Scenario scenario = Scenario.defaults();
        final Set<String> seen = new HashSet<>();
        final Deque<String> prefixes = new ArrayDeque<>();
        try (Reader reader = new StringReader(text); JsonParser parser = YAML.createParser(reader))
        {
            JsonToken token = parser.nextToken();
            if (token == null)
            {
                return scenario.checkConsistent();
            }
            if (token != JsonToken.START_OBJECT)
            {
                throw new ScenarioException(source + ":" + line(parser) + ": a scenario is a mapping of key: value");
            }
            String key = null;
            while ((token = parser.nextToken()) != null)
            {
                switch (token)
                {
                    case FIELD_NAME -> key = join(prefixes, parser.currentName());
                    case START_OBJECT -> prefixes.push(key);
                    case END_OBJECT ->
                    {
                        if (!prefixes.isEmpty())
                        {
                            prefixes.pop();
                        }
                    }
                    case START_ARRAY -> throw new ScenarioException(source + ":" + line(parser) + ": " + key +
                        ": lists are not used; write several values as comma-separated text");
                    case VALUE_NULL -> throw new ScenarioException(source + ":" + line(parser) + ": " + key +
                        ": no value");
                    default ->
                    {
                        final String origin = source + ":" + line(parser);
                        if (!seen.add(key))
                        {
                            throw new ScenarioException(origin + ": " + key + ": set twice");
                        }
                        scenario = scenario.with(key, parser.getText(), origin);
                    }
                }
            }
        }
        catch (final JsonProcessingException ex)
        {
            final JsonLocation location = ex.getLocation();
            throw new ScenarioException(source + ":" + (location == null ? 0 : location.getLineNr()) +
                ": not valid YAML: " + ex.getOriginalMessage().lines().findFirst().orElse(""));
        }
        catch (final IOException ex)
        {
            throw new ScenarioException(source + ": cannot read: " + ex.getMessage());
        }
        return scenario.checkConsistent();
    }

    /**
     * Applies {@code --set key=value} overrides.
     *
     * @throws ScenarioException as {@code --set key: reason}.
     */
    public static Scenario override(final Scenario base, final List<String> assignments)
    {
        Scenario scenario = base;
        for (final String assignment : assignments)
        {
            final int equals = assignment.indexOf('=');
            if (equals <= 0)
            {
                throw new ScenarioException("--set " + assignment + ": expected key=value");
            }
            scenario = scenario.with(assignment.substring(0, equals).trim(), assignment.substring(equals + 1),
                "--set");
        }
        return scenario.checkConsistent();
    }

    private static int line(final JsonParser parser)
    {
        return parser.currentTokenLocation().getLineNr();
    }

    private static String join(final Deque<String> prefixes, final String name)
    {
        if (prefixes.isEmpty())
        {
            return name;
        }
        final StringBuilder key = new StringBuilder();
        final var it = prefixes.descendingIterator();
        while (it.hasNext())
        {
            key.append(it.next()).append('.');
        }
        return key.append(name).toString();
    }
}
