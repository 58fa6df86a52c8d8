package io.clearing.simulations.scenario;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ParametersDocumentedTest
{
    @Test
    void shouldDocumentEveryParameterWithItsDefault() throws Exception
    {
        final String docs = Files.readString(Path.of("..", "docs", "simulations.md"));

        for (final Parameter parameter : Parameters.all().values())
        {
            assertThat(docs).as(parameter.key()).contains("| `" + parameter.key() + "` | " +
                (parameter.defaultValue().isEmpty() ? "(empty)" : parameter.defaultValue()) + " |");
        }
    }

    @Test
    void shouldHaveEveryDefaultInsideItsOwnRange()
    {
        for (final Parameter parameter : Parameters.all().values())
        {
            assertThat(parameter.validate(parameter.defaultValue())).as(parameter.key()).isNotNull();
        }
    }
}
