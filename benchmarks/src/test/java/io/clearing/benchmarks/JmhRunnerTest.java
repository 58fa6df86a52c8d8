package io.clearing.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JmhRunnerTest
{
    @Test
    void shouldReadTheEngineFlagsFromBinJvmPropertiesWhenOnJdk17() throws IOException
    {
        final List<String> flags = JmhRunner.engineJvmFlags(17);

        assertThat(flags)
            .contains("--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED")
            .doesNotContain("--sun-misc-unsafe-memory-access=allow")
            .allSatisfy(flag -> assertThat(flag).isNotBlank().doesNotContainAnyWhitespaces());
    }

    @Test
    void shouldAddTheJdk24FlagsWhenOnJdk24OrLater() throws IOException
    {
        final List<String> flags = JmhRunner.engineJvmFlags(25);

        assertThat(flags).contains("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");
        assertThat(flags).containsAll(JmhRunner.engineJvmFlags(17));
    }
}
