package io.clearing.server.cli;

import io.clearing.core.csv.RunCertificateCsv;
import io.clearing.core.csv.SetOffCsvWriter;
import io.clearing.core.engine.ClearingEngine;
import io.clearing.core.engine.Context;
import io.clearing.core.engine.api.ClearingRunSummary;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.RunCertificate;
import io.clearing.core.engine.api.RunHierarchy;
import io.clearing.core.engine.api.SetOffNotice;
import io.clearing.core.engine.journal.JournalFormatException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * {@code clearing clear --journal DIR [--out SETOFF.csv] [--certificate FILE] [--hierarchical]}: an optimal batch clearing run (or one
 * cleared level by level through the journaled communities and regions) over every open obligation of the journaled
 * state, itself journaled and applied; optionally writes the set-off notices
 * ({@code id,debtor,creditor,amount,set_off,remainder}, amount being what was open at the cut-off) and the run
 * certificate file ({@link RunCertificateCsv}) for {@code clearing verify --run-certificate}. Called by
 * {@link ClearCommand} when it is given {@code --journal} instead of an obligations file.
 */
final class JournalClearing
{
    private JournalClearing()
    {
    }

    /**
     * @return what a run by levels cleared at each level against the flat optimum, as the CLI prints it.
     */
    static String hierarchyFigures(final RunHierarchy levels)
    {
        return String.format("by community %,d, by region %,d, at the top %,d; flat optimum %,d, cost of hierarchy %,d",
            levels.byCommunityMinor(), levels.byRegionMinor(), levels.atTopMinor(), levels.flatOptimumMinor(),
            levels.shortfallMinor());
    }

    /**
     * What a run on the journal left to report, read on the engine before it closes.
     */
    interface RunOutcome
    {
        CommandReply reply();
    }

    /**
     * The frame of a run on a journal written by {@code clearing ingest}: launches the engine on it, hands it to
     * {@code run} (which journals the run and reads what is to be reported), and closes it.
     *
     * @param refused what the error line calls a refused run, e.g. "clearing run refused".
     * @return the outcome of an accepted run, or null once a missing or unusable journal or a refused run has been
     * reported on {@code err} (exit code 2).
     */
    static <T extends RunOutcome> T runOnJournal(final Path journal, final String refused, final PrintWriter err,
        final Function<ClearingEngine, T> run)
    {
        if (!StateCommand.holdsJournal(journal))
        {
            err.println(journal + ": no journal here (expected a directory written by 'clearing ingest')");
            err.flush();
            return null;
        }
        final T outcome;
        try (ClearingEngine engine = ClearingEngine.launch(new Context().journalDirectory(journal)
            .errorHandler(ex -> err.println("engine error: " + ex))))
        {
            outcome = run.apply(engine);
        }
        catch (final JournalFormatException ex)
        {
            err.println(ex.getMessage());
            err.flush();
            return null;
        }
        if (!outcome.reply().isAccepted())
        {
            err.println(journal + ": " + refused + " (" + outcome.reply().code() + "): " +
                outcome.reply().code().reason());
            err.flush();
            return null;
        }
        return outcome;
    }

    private record Outcome(CommandReply reply, ClearingRunSummary run, RunHierarchy levels,
        List<SetOffNotice> notices, RunCertificate certificate) implements RunOutcome
    {
    }

    /**
     * {@code clear --journal DIR}: an optimal batch run on the journaled engine state, itself journaled.
     *
     * @return exit code: 0 done, 2 no journal or an unusable one, 1 the notices could not be written.
     */
    static int clearJournal(final Path journal, final Path setOffFile, final Path certificateFile,
        final boolean hierarchical, final PrintWriter out, final PrintWriter err)
    {
        final long startNs = System.nanoTime();
        final Outcome outcome = runOnJournal(journal, "clearing run refused", err, engine ->
        {
            final long runId = engine.querySync(v -> v.lastClearingRun().runId()) + 1;
            final CommandReply reply =
                hierarchical ? engine.runHierarchicalClearingSync(runId) : engine.runClearingSync(runId);
            return new Outcome(reply, engine.querySync(v -> v.lastClearingRun()),
                engine.querySync(v -> v.policies().runHierarchy(runId)),
                setOffFile == null ? List.of() : engine.querySync(v -> v.lastSetOffNotices()),
                certificateFile == null || !reply.isAccepted() ? null : engine.querySync(v -> v.runCertificate(runId)));
        });
        if (outcome == null)
        {
            return 2;
        }
        final ClearingRunSummary run = outcome.run();
        final RunHierarchy levels = outcome.levels();
        final List<SetOffNotice> notices = outcome.notices();
        final RunCertificate certificate = outcome.certificate();
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        out.printf("clearing run %d over %,d open obligations: total debt %,d, NID %,d, cleared %,d (%.2f %%), " +
                "remainder %,d; journaled in %s (%.2f s)%n", run.runId(), run.obligations(),
            run.totalDebtBeforeMinor(), run.netInternalDebtMinor(), run.clearedMinor(),
            run.totalDebtBeforeMinor() == 0 ? 0.0 : 100.0 * run.clearedMinor() / run.totalDebtBeforeMinor(),
            run.remainderMinor(), journal, seconds);
        if (levels != null)
        {
            out.println(hierarchyFigures(levels));
        }
        if (setOffFile != null)
        {
            try
            {
                writeNotices(setOffFile, notices);
            }
            catch (final IOException ex)
            {
                err.println(setOffFile + ": cannot write: " + ex.getMessage());
                err.flush();
                return ClearingCli.FAILURE;
            }
            out.printf("set-off notices: %s (%,d rows)%n", setOffFile, notices.size());
        }
        if (certificateFile != null)
        {
            try
            {
                RunCertificateCsv.write(certificateFile, run.runId(), certificate.adoptedFromProposal(),
                    certificate.run());
            }
            catch (final IOException ex)
            {
                err.println(certificateFile + ": cannot write: " + ex.getMessage());
                err.flush();
                return ClearingCli.FAILURE;
            }
            out.printf("run certificate: %s (check it with 'clearing verify --run-certificate %s')%n",
                certificateFile, certificateFile);
        }
        out.flush();
        return 0;
    }

    private static void writeNotices(final Path file, final List<SetOffNotice> notices) throws IOException
    {
        SetOffCsvWriter.writeAtomically(file, writer ->
        {
            writer.write(SetOffCsvWriter.SET_OFF_HEADER);
            writer.write('\n');
            final StringBuilder line = new StringBuilder(128);
            for (final SetOffNotice notice : notices)
            {
                line.setLength(0);
                line.append(notice.obligationId()).append(',').append(notice.debtorId()).append(',')
                    .append(notice.creditorId()).append(',').append(notice.openMinor()).append(',')
                    .append(notice.setOffMinor()).append(',').append(notice.remainderMinor()).append('\n');
                writer.append(line);
            }
        });
    }
}
