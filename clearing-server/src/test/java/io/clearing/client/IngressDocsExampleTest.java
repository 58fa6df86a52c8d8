package io.clearing.client;

import io.clearing.core.engine.ClearingEngine;
import io.clearing.core.engine.Context;
import io.clearing.server.ingress.AeronIngress;
import io.clearing.server.ingress.IngressAuthenticator;
import io.clearing.server.ingress.IngressConfiguration;
import io.clearing.server.ingress.IngressPrincipal;
import io.clearing.server.ingress.Sha256KeyAuthenticator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example of docs/ingress.md, kept true: the code between the markers below is the document's example to the
 * character (after indentation), and it runs with the results the document states.
 */
class IngressDocsExampleTest
{
    private static final Path DOC = Path.of("../docs/ingress.md");
    private static final Path SOURCE = Path.of("src/test/java/io/clearing/client/IngressDocsExampleTest.java");

    @TempDir
    Path directory;

    @Test
    @Timeout(60)
    void shouldRunTheDocumentedExampleAsWritten()
    {
        final Path journal = directory.resolve("journal");
        // example begin
        Map<Long, AckCode> acks = new HashMap<>();
        IngressConfiguration configuration = new IngressConfiguration();      // IPC, embedded media driver
        IngressAuthenticator keys = Sha256KeyAuthenticator.ofPlainKeys(Map.of(
            "key-of-firm-one", IngressPrincipal.participant("firm one's ledger", "F1")));
        try (ClearingEngine engine = ClearingEngine.launch(new Context().journalDirectory(journal));
            AeronIngress ingress = AeronIngress.launch(engine, configuration, keys))
        {
            engine.registerParticipantSync("F1", "Firm one");
            engine.registerParticipantSync("F2", "Firm two");
            try (ClearingClient client = ClearingClient.connect(new ClearingClient.Context()
                .aeronDirectoryName(ingress.aeronDirectoryName())
                .apiKey("key-of-firm-one")
                .ackHandler((correlationId, code, value) -> acks.put(correlationId, code))))
            {
                client.submitObligation(1, "INV-1", "F1", "F2", 125_00);   // blocks only while back-pressured
                ObligationBatch batch = client.newBatch();
                batch.add(2, "INV-2", "F2", "F1", 50_00);
                batch.add(3, "INV-3", "F2", "F3", 10_00);                   // F1 is not a party: FORBIDDEN
                while (!client.offerBatch(batch))                           // false: back-pressured, try again
                {
                    client.pollAcks();
                }
                while (acks.size() < 3)
                {
                    client.pollAcks();                                      // acks come once journaled
                }
            }
        }
        // acks: {1=ACCEPTED, 2=ACCEPTED, 3=FORBIDDEN}
        // example end
        assertThat(acks).containsExactlyInAnyOrderEntriesOf(
            Map.of(1L, AckCode.ACCEPTED, 2L, AckCode.ACCEPTED, 3L, AckCode.FORBIDDEN));
    }

    @Test
    void shouldShowInTheDocumentExactlyTheCodeThatRuns() throws IOException
    {
        final String source = Files.readString(SOURCE);
        final String begin = "        // example begin\n";
        final String code = source.substring(source.indexOf(begin) + begin.length(),
            source.indexOf("        // example end\n"));
        final String expected = code.lines().map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
            .collect(Collectors.joining("\n", "", "\n"));

        final String doc = Files.readString(DOC);
        final String fence = "```java\n";
        final int start = doc.indexOf(fence, doc.indexOf("<!-- example: IngressDocsExampleTest -->")) + fence.length();
        assertThat(doc.substring(start, doc.indexOf("```\n", start))).isEqualTo(expected);
    }
}
