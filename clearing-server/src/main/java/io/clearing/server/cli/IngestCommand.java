package io.clearing.server.cli;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.csv.CsvFormatException;
import io.clearing.core.csv.ObligationCsvReader;
import io.clearing.core.engine.ClearingEngine;
import io.clearing.core.engine.Context;
import io.clearing.core.engine.api.ContinuousPolicy;
import io.clearing.core.engine.api.EngineTotals;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.ResultListener;
import io.clearing.core.engine.journal.JournalFormatException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code clearing ingest INPUT.csv --journal DIR [--continuous]}: streams every obligation of the file through the
 * engine (registering each participant on first sight), journaled, then prints one line with the count, the
 * seconds and the rate. Re-ingesting the same file is harmless: every obligation comes back as a duplicate.
 * Exit 0 when every obligation was accepted or a duplicate, 1 when the engine refused some, 2 on unreadable input.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Stream the obligations of a CSV file through the engine into its journal.")
public final class IngestCommand implements Callable<Integer>
{
    private static final int MAX_REPORTED_REFUSALS = 10;

    @Parameters(index = "0", paramLabel = "INPUT.csv", description = "obligations: id,debtor,creditor,amount (id optional)")
    Path input;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory (created when missing)")
    Path journal;

    @Option(names = "--continuous", description = "set cycles off as obligations arrive (bounded search)")
    boolean continuous;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "0",
        description = "decimals allowed in amounts; amounts are stored in minor units (default ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final ObligationNetwork network;
        try
        {
            network = new ObligationCsvReader(scale, bytes -> {}).read(input);
        }
        catch (final CsvFormatException ex)
        {
            err.println(ex.getMessage());
            return 2;
        }
        catch (final IOException ex)
        {
            err.println(input + ": cannot read: " + ex.getMessage());
            return 2;
        }

        final Context context = new Context()
            .journalDirectory(journal)
            .expectedObligations(Math.max(1024, network.obligationCount()))
            .expectedParticipants(Math.max(1024, network.participantCount()))
            .continuousPolicy(continuous ? ContinuousPolicy.DEFAULT_ENABLED : ContinuousPolicy.DISABLED)
            .singleProducer(true)
            .errorHandler(ex -> err.println("engine error: " + ex));
        final Tally tally = new Tally();
        final long startNs;
        final long endNs;
        final EngineTotals totals;
        try (ClearingEngine engine = ClearingEngine.launch(context);
             ProgressBar progress = progressBar(network.obligationCount()))
        {
            final boolean[] registered = new boolean[network.participantCount()];
            startNs = System.nanoTime();
            for (int i = 0, n = network.obligationCount(); i < n; i++)
            {
                final int debtor = network.debtor(i);
                final int creditor = network.creditor(i);
                register(engine, network, registered, debtor, tally);
                register(engine, network, registered, creditor, tally);
                engine.submitObligation(network.obligationId(i), network.participantId(debtor),
                    network.participantId(creditor), network.amountMinor(i), i, tally);
                if (progress != null && (i & 0xFFFF) == 0)
                {
                    progress.stepTo(i);
                }
            }
            totals = engine.querySync(v -> v.totals());
            endNs = System.nanoTime();
            if (progress != null)
            {
                progress.stepTo(network.obligationCount());
            }
        }
        catch (final JournalFormatException ex)
        {
            err.println(ex.getMessage());
            return 2;
        }

        for (final String refusal : tally.refusals)
        {
            err.println(input + ": obligation " + refusal);
        }
        final double seconds = (endNs - startNs) / 1e9;
        final long count = network.obligationCount();
        out.printf("ingested %,d obligations in %.2f s (%,.0f obligations/s): %,d accepted, %,d duplicates, %,d " +
                "refused; journal %s now holds %,d obligations, %,d open, total debt %,d%s%n",
            count, seconds, count / Math.max(seconds, 1e-9), tally.count(ResultCode.ACCEPTED),
            tally.count(ResultCode.DUPLICATE), tally.refused(), journal, totals.obligations(),
            totals.openObligations(), totals.totalDebtMinor(),
            continuous ? String.format(", set off continuously %,d", totals.continuousSetOffMinor()) : "");
        out.flush();
        return tally.refused() == 0 ? 0 : 1;
    }

    private static void register(final ClearingEngine engine, final ObligationNetwork network,
        final boolean[] registered, final int participant, final ResultListener listener)
    {
        if (!registered[participant])
        {
            registered[participant] = true;
            final String id = network.participantId(participant);
            engine.registerParticipant(id, id, -1 - participant, listener);
        }
    }

    private ProgressBar progressBar(final long max)
    {
        if (noProgress || !ProgressDisplay.stderrIsTerminal())
        {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("ingest").setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250).showSpeed().build();
    }

    /**
     * Counts results by code on the engine's logic thread; keeps the first refusals for the report. Registrations
     * carry negative correlation ids; a participant registered by an earlier run comes back DUPLICATE, which is fine.
     */
    private final class Tally implements ResultListener
    {
        private final AtomicLongArray counts = new AtomicLongArray(ResultCode.values().length);
        private final ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();

        @Override
        public void onResult(final long correlationId, final ResultCode code, final long value)
        {
            if (correlationId < 0)
            {
                if (code != ResultCode.ACCEPTED && code != ResultCode.DUPLICATE)
                {
                    counts.incrementAndGet(code.ordinal());
                    refusals.add("participant #" + (-1 - correlationId) + ": " + code.reason());
                }
                return;
            }
            counts.incrementAndGet(code.ordinal());
            if (code != ResultCode.ACCEPTED && code != ResultCode.DUPLICATE && refusals.size() < MAX_REPORTED_REFUSALS)
            {
                refusals.add("#" + (correlationId + 1) + ": " + code.reason() + " (" + code + ")");
            }
        }

        long count(final ResultCode code)
        {
            return counts.get(code.ordinal());
        }

        long refused()
        {
            long refused = 0;
            for (final ResultCode code : ResultCode.values())
            {
                if (code != ResultCode.ACCEPTED && code != ResultCode.DUPLICATE)
                {
                    refused += counts.get(code.ordinal());
                }
            }
            return refused;
        }
    }
}
