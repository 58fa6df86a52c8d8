package io.clearing.benchmarks.engine;

import io.clearing.core.engine.journal.Journal;
import io.clearing.core.engine.state.CommandCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoveryBenchmarkTest
{
    @TempDir
    Path directory;

    @AfterEach
    void clearProperties()
    {
        System.clearProperty("registeredFirst");
        System.clearProperty("keepJournal");
    }

    @Test
    void shouldSpreadTheHeldBackRegistrationsThroughTheSubmissionsAndRecoverTheLiveState() throws Exception
    {
        System.setProperty("registeredFirst", "10");
        System.setProperty("keepJournal", "true");

        // The benchmark itself throws when the full replay or the restart from its snapshot (taken at submission
        // 1,500, before the last participants join) gives another state hash than the live state.
        RecoveryBenchmark.main(new String[] {"2000", "100", "1500", directory.toString()});

        final List<Integer> types = new ArrayList<>();
        try (Journal journal = Journal.open(directory))
        {
            journal.replay(Journal.START, 0, (index, ordinal, buffer, offset, length) ->
                types.add(buffer.getInt(offset + CommandCodec.TYPE_OFFSET)));
        }
        final int firstSubmission = types.indexOf(CommandCodec.TYPE_SUBMIT_OBLIGATION);
        final int lastRegistration = types.lastIndexOf(CommandCodec.TYPE_REGISTER_PARTICIPANT);
        assertThat(firstSubmission).isEqualTo(10);
        assertThat(lastRegistration).isGreaterThan(1_500);
        assertThat(types.stream().filter(type -> type == CommandCodec.TYPE_REGISTER_PARTICIPANT)).hasSize(100);
        assertThat(types.stream().filter(type -> type == CommandCodec.TYPE_SUBMIT_OBLIGATION)).hasSize(2_000);
    }

    @Test
    void shouldRefuseToHoldBackAllButOneParticipant()
    {
        System.setProperty("registeredFirst", "1");

        assertThatThrownBy(() -> RecoveryBenchmark.main(new String[] {"2000", "100", "1500", directory.toString()}))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("-DregisteredFirst=1");
    }
}
