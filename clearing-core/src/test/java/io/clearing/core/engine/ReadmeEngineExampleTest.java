package io.clearing.core.engine;

import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.ResultCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine example of README.md, kept true: it runs as written and its replies are what the README implies.
 */
class ReadmeEngineExampleTest
{
    @TempDir
    Path directory;

    @Test
    void shouldRunTheReadmeEngineExampleAsWritten()
    {
        final Path journal = directory.resolve("data/journal");
        try (ClearingEngine engine = ClearingEngine.launch(new Context().journalDirectory(journal)))
        {
            assertThat(engine.registerParticipantSync("F1", "Firm one").code()).isEqualTo(ResultCode.ACCEPTED);
            assertThat(engine.registerParticipantSync("F2", "Firm two").code()).isEqualTo(ResultCode.ACCEPTED);
            final CommandReply reply = engine.submitObligationSync("INV-1", "F1", "F2", 125_00);
            assertThat(reply.code()).isEqualTo(ResultCode.ACCEPTED);
            assertThat(engine.runClearingSync(1).code()).isEqualTo(ResultCode.ACCEPTED);
        }
    }
}
