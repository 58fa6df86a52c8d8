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
     * {@code clear --journal DIR}: an optimal batch run on the journaled engine state, itself journaled.
     *
     * @return exit code: 0 done, 2 no journal or an unusable one, 1 the notices could not be written.
     */
    static int clearJournal(final Path journal, final Path setOffFile, final Path certificateFile,
        final boolean hierarchical, final PrintWriter out, final PrintWriter err)
    {
        if (!StateCommand.holdsJournal(journal))
        {
            err.println(journal + ": no journal here (expected a directory written by 'clearing ingest')");
            err.flush();
            return 2;
        }
        final ClearingRunSummary run;
        final RunHierarchy levels;
        final List<SetOffNotice> notices;
        final CommandReply reply;
        final RunCertificate certificate;
        final long startNs = System.nanoTime();
        try (ClearingEngine engine = ClearingEngine.launch(new Context().journalDirectory(journal)
            .errorHandler(ex -> err.println("engine error: " + ex))))
        {
            final long runId = engine.querySync(v -> v.lastClearingRun().runId()) + 1;
            reply = hierarchical ? engine.runHierarchicalClearingSync(runId) : engine.runClearingSync(runId);
            run = engine.querySync(v -> v.lastClearingRun());
            levels = engine.querySync(v -> v.policies().runHierarchy(runId));
            notices = setOffFile == null ? List.of() : engine.querySync(v -> v.lastSetOffNotices());
            certificate = certificateFile == null || !reply.isAccepted() ? null :
                engine.querySync(v -> v.runCertificate(runId));
        }
        catch (final JournalFormatException ex)
        {
            err.println(ex.getMessage());
            err.flush();
            return 2;
        }
        if (!reply.isAccepted())
        {
            err.println(journal + ": clearing run refused: " + reply.code().reason());
            err.flush();
            return 2;
        }
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
