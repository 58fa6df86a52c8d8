package io.clearing.simulations.model;

import io.clearing.simulations.scenario.Scenario;
import io.clearing.simulations.scenario.ScenarioLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Shipped scenarios made small for tests.
 */
final class Scenarios
{
    private Scenarios()
    {
    }

    static Scenario load(final String name, final String... overrides)
    {
        try
        {
            return ScenarioLoader.override(ScenarioLoader.load(name), List.of(overrides));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
