package io.clearing.core.engine;

import io.clearing.core.engine.api.ClearingStateView;
import io.clearing.core.engine.api.ResultCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
