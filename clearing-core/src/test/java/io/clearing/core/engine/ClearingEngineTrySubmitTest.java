package io.clearing.core.engine;

import io.clearing.core.engine.api.ClearingStateView;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.ResultListener;
import io.clearing.core.engine.state.CommandCodec;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The non-blocking submit path: it refuses to publish when the ring is full instead of waiting, and every command it
 * did publish is answered.
 */
class ClearingEngineTrySubmitTest
{
    @TempDir
    Path directory;

    @Test
    void shouldReturnFalseWithoutPublishingWhenTheRingIsFull() throws Exception
    {
        final List<Long> answered = new CopyOnWriteArrayList<>();
        final List<ResultCode> codes = new CopyOnWriteArrayList<>();
        try (ClearingEngine engine = ClearingEngine.launch(new Context()
            .journalDirectory(directory.resolve("journal")).ringSize(64)))
        {
            engine.registerParticipantSync("F1", "Firm one");
            engine.registerParticipantSync("F2", "Firm two");
            final CountDownLatch holding = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            engine.query(view ->
            {
                holding.countDown();
                return awaitQuietly(release);   // holds the logic thread, so the ring fills
            });
            // Only once the logic thread is held can no slot free up between the two try calls below.
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

            int published = 0;
            while (engine.trySubmitObligation("T-" + published, "F1", "F2", 10, published,
                (id, code, value) ->
                {
                    answered.add(id);
                    codes.add(code);
                }))
            {
                published++;
                assertThat(published).as("a 64-entry ring must fill").isLessThan(200);
            }
            assertThat(published).isLessThan(64);
            assertThat(engine.tryRegisterParticipant("F3", "Firm three", -1, (id, code, value) -> answered.add(id)))
                .isFalse();
            assertThat(engine.tryRecordPayment("P", "T-0", 1, -2, (id, code, value) -> answered.add(id))).isFalse();
            release.countDown();

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (answered.size() < published && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            assertThat(answered).hasSize(published).doesNotContain(-1L, -2L);
            assertThat(codes).containsOnly(ResultCode.ACCEPTED);
            assertThat(engine.querySync(ClearingStateView::totals).obligations()).isEqualTo(published);
            assertThat(engine.querySync(ClearingStateView::totals).participants()).isEqualTo(2);
        }
    }

    @Test
    void shouldAnswerEngineClosedWhenClosed()
    {
        final List<ResultCode> codes = new CopyOnWriteArrayList<>();
        final ClearingEngine engine = ClearingEngine.launch(new Context().journalDirectory(directory.resolve("j2")));
        engine.close();
        assertThat(engine.trySubmitObligation("T", "F1", "F2", 10, 1, (id, code, value) -> codes.add(code))).isTrue();
        assertThat(codes).containsExactly(ResultCode.ENGINE_CLOSED);
    }

    /**
     * Ids given as bytes: accepted like the same ids as text (same journaled command, same state hash), and refused
     * at the edge, with nothing journaled, when not well-formed UTF-8 or too long.
     */
    @Test
    void shouldSubmitIdsGivenAsBytesLikeTheSameIdsAsTextAndRefuseBrokenOnes() throws Exception
    {
        final List<ResultCode> codes = new CopyOnWriteArrayList<>();
        final CountDownLatch answered = new CountDownLatch(4);
        final long bytesHash;
        try (ClearingEngine engine = ClearingEngine.launch(new Context().journalDirectory(directory.resolve("b"))
            .clock(() -> 1_000L)))
        {
            engine.registerParticipantSync("F1", "Firm one");
            engine.registerParticipantSync("Fé", "Firm two");
            final byte[] good = "xxT-1F1Fé".getBytes(StandardCharsets.UTF_8);
            final byte[] broken = {'T', '-', '2', 'F', '1', (byte)0xC3, (byte)0x28};
            final byte[] tooLong = new byte[CommandCodec.MAX_ID_BYTES + 1 + 4];
            Arrays.fill(tooLong, (byte)'a');
            final ResultListener listener = (id, code, value) ->
            {
                codes.add(code);
                answered.countDown();
            };
            final long before = engine.stateHash();
            assertThat(engine.trySubmitObligation(new UnsafeBuffer(broken), 0, 3, 3, 2, 5, 2, 10, 1, listener)).isTrue();
            assertThat(engine.trySubmitObligation(new UnsafeBuffer(tooLong), 0, CommandCodec.MAX_ID_BYTES + 1,
                CommandCodec.MAX_ID_BYTES + 1, 2, CommandCodec.MAX_ID_BYTES + 3, 2, 10, 2, listener)).isTrue();
            assertThat(engine.trySubmitObligation(new UnsafeBuffer(good), 2, 3, 5, 2, 7, 3, 0, 3, listener)).isTrue();
            assertThat(engine.stateHash()).as("refused at the edge or by the state, nothing changed").isEqualTo(before);
            assertThat(engine.trySubmitObligation(new UnsafeBuffer(good), 2, 3, 5, 2, 7, 3, 10, 4, listener)).isTrue();
            assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(codes).containsExactly(ResultCode.MALFORMED, ResultCode.TOO_LONG, ResultCode.INVALID_AMOUNT,
                ResultCode.ACCEPTED);
            assertThat(engine.querySync(view -> view.obligation("T-1")).debtorId()).isEqualTo("F1");
            bytesHash = engine.stateHash();
        }
        try (ClearingEngine engine = ClearingEngine.launch(new Context().journalDirectory(directory.resolve("t"))
            .clock(() -> 1_000L)))
        {
            engine.registerParticipantSync("F1", "Firm one");
            engine.registerParticipantSync("Fé", "Firm two");
            assertThat(engine.submitObligationSync("T-1", "F1", "Fé", 0).code()).isEqualTo(ResultCode.INVALID_AMOUNT);
            assertThat(engine.submitObligationSync("T-1", "F1", "Fé", 10).code()).isEqualTo(ResultCode.ACCEPTED);
            assertThat(engine.stateHash()).isEqualTo(bytesHash);
        }
    }

    private static Object awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            return latch.await(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
