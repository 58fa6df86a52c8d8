package io.clearing.core.engine;

import io.clearing.core.engine.api.ObligationState;
import io.clearing.core.engine.journal.Journal;
import io.clearing.core.engine.journal.Recovery;
import io.clearing.core.engine.journal.SnapshotStore;
import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.CommandStateMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a child JVM with SIGKILL at random moments while it ingests through the engine, many times on the same
 * journal, and checks after each kill that every acknowledged obligation was recovered, none twice, and that
 * snapshot + tail and full replay agree on the state hash. Trials alternate between a journal stage on its own thread
 * and one written by the logic thread ({@link Context#journalThread}). Trials: system property
 * {@code clearing.crash.trials} (default 10); seed: {@code clearing.crash.seed}.
 */
class CrashRecoveryTest
{
    @TempDir
    Path directory;

    @Test
    void shouldRecoverEveryAcknowledgedObligationOnceWhenKilledAtRandomMoments() throws Exception
    {
        final int trials = Integer.getInteger("clearing.crash.trials", 10);
        final long seed = Long.getLong("clearing.crash.seed", System.nanoTime() % 100_000);
        final Random random = new Random(seed);
        final Path journal = directory.resolve("journal");
        long highestAcknowledged = -1;
        long damagedDocuments = 0;
        for (int trial = 0; trial < trials; trial++)
        {
            final long killAfterMs = 150 + random.nextInt(1_200);
            final boolean journalThread = trial % 2 == 0;
            final String where = "seed " + seed + " trial " + trial + (journalThread ? "" : " (one-thread pipeline)");
            final long acknowledged = runChildAndKill(journal, killAfterMs, random.nextBoolean(), journalThread, where);
            highestAcknowledged = Math.max(highestAcknowledged, acknowledged);

            final Verified verified = verify(journal, highestAcknowledged, where);
            damagedDocuments += verified.damagedDocuments;
        }
        System.out.printf("crash test: seed %d, %d trials, highest acknowledged obligation O%d, damaged journal " +
            "documents skipped %d%n", seed, trials, highestAcknowledged, damagedDocuments);
        assertThat(highestAcknowledged).as("seed " + seed + ": children acknowledged something").isPositive();
    }

    private record Verified(long obligations, long damagedDocuments)
    {
    }

    private static Verified verify(final Path journalDirectory, final long highestAcknowledged, final String where)
    {
        try (Journal journal = Journal.open(journalDirectory))
        {
            final SnapshotStore snapshots = new SnapshotStore(journalDirectory);
            final CommandStateMachine[] fromSnapshot = new CommandStateMachine[1];
            final Recovery.Report report = Recovery.recover(journal, snapshots, ClearingStateMachine::new, true,
                m -> fromSnapshot[0] = m);
            final CommandStateMachine[] fullReplay = new CommandStateMachine[1];
            Recovery.recover(journal, snapshots, ClearingStateMachine::new, false, m -> fullReplay[0] = m);
            assertThat(report.damagedSnapshots()).as(where).isEmpty();
            assertThat(fromSnapshot[0].stateHash()).as(where + ": snapshot + tail vs full replay")
                .isEqualTo(fullReplay[0].stateHash());

            final ClearingStateMachine state = (ClearingStateMachine)fromSnapshot[0];
            final int obligations = state.totals().obligations();
            assertThat((long)obligations).as(where + ": acknowledged obligations recovered")
                .isGreaterThan(highestAcknowledged);
            long expectedSubmitted = 0;
            for (long i = 0; i < obligations; i++)
            {
                final ObligationState o = state.obligation("O" + i);
                assertThat(o).as(where + ": O" + i + " present (journal order is submission order)").isNotNull();
                assertThat(o.amountMinor()).as(where + " O" + i).isEqualTo(CrashIngestChild.amount(i));
                expectedSubmitted += CrashIngestChild.amount(i);
            }
            assertThat(state.obligation("O" + obligations)).as(where).isNull();
            assertThat(state.totals().submittedMinor()).as(where + ": nothing counted twice")
                .isEqualTo(expectedSubmitted);
            return new Verified(obligations, report.replay().damagedDocuments());
        }
    }

    private static long runChildAndKill(final Path journal, final long killAfterMs, final boolean continuous,
        final boolean journalThread, final String where) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle") || argument.startsWith("-Xmx"))
            {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashIngestChild.class.getName());
        command.add(journal.toString());
        command.add("20000");
        command.add(Boolean.toString(continuous));
        command.add(Boolean.toString(journalThread));
        final Process child = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.to(new File(journal.getParent().toFile(), "child-stderr.txt")))
            .start();
        final AtomicLong highest = new AtomicLong(-1);
        final AtomicBoolean ready = new AtomicBoolean();
        final List<String> refused = new ArrayList<>();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.US_ASCII)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    if ("READY".equals(line))
                    {
                        synchronized (ready)
                        {
                            ready.set(true);
                            ready.notifyAll();
                        }
                    }
                    else if (line.startsWith("REFUSED"))
                    {
                        refused.add(line);
                    }
                    else if (!"DONE".equals(line))
                    {
                        highest.accumulateAndGet(Long.parseLong(line), Math::max);
                    }
                }
            }
            catch (final Exception ignored)
            {
                // the child was killed mid-line: what was read so far counts
            }
        });
        reader.start();
        synchronized (ready)
        {
            final long deadline = System.currentTimeMillis() + 60_000;
            while (!ready.get() && child.isAlive() && System.currentTimeMillis() < deadline)
            {
                ready.wait(100);
            }
        }
        assertThat(ready.get()).as(where + ": child started (see child-stderr.txt)").isTrue();
        Thread.sleep(killAfterMs);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as(where).isTrue();
        reader.join(10_000);
        assertThat(refused).as(where).isEmpty();
        return highest.get();
    }
}
