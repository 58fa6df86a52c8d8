package io.clearing.server.cli;

import io.clearing.core.csv.NovatedRunCertificateCsv;
import io.clearing.core.csv.NovatedSetOffCsvWriter;
import io.clearing.core.csv.SetOffCsvWriter;
import io.clearing.core.engine.api.ClearingRunSummary;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.NovatedCertificate;
import io.clearing.core.engine.api.RunNovation;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import static io.clearing.server.cli.SummaryText.line;

/**
 * {@code clearing clear --journal DIR --novated [--out NOTICES.csv] [--accounts ACCOUNTS.csv] [--certificate FILE]}:
 * a batch run on the
 * journaled state cleared by novation through the journaled communities' and regions' accounts, itself journaled;
 * prints the figures the file mode ({@code clear --hierarchy --novated}) prints, from the run's record. Writes per
 * obligation both sides ({@link #NOTICE_HEADER}), the legs between accounts ({@link #ACCOUNTS_HEADER}) and the run's
 * proof ({@link NovatedRunCertificateCsv}) for {@code clearing verify --run-certificate}.
 */
final class NovatedJournalClearing
{
    static final String NOTICE_HEADER = "id,debtor,creditor,amount,debtor_discharged,debtor_remainder," +
        "debtor_now_owes,creditor_discharged,creditor_remainder,creditor_now_owed_by,debtor_leg,creditor_leg";
    static final String ACCOUNTS_HEADER = NovatedSetOffCsvWriter.ACCOUNTS_HEADER + ",leg_id";

    private NovatedJournalClearing()
    {
    }

    /**
     * @return exit code: 0 done, 2 no journal, an unusable one or the run refused, 1 a file could not be written.
     */
    static int clearJournal(final Path journal, final Path noticeFile, final Path accountsFile,
        final Path certificateFile, final PrintWriter out, final PrintWriter err)
    {
        final long startNs = System.nanoTime();
        final Outcome outcome = JournalClearing.runOnJournal(journal, "novated run refused", err, engine ->
        {
            final long runId = engine.querySync(v -> v.lastClearingRun().runId()) + 1;
            final CommandReply reply = engine.runNovatedClearingSync(runId);
            return new Outcome(reply, engine.querySync(v -> v.lastClearingRun()),
                engine.querySync(v -> v.policies().runNovation(runId, null)),
                engine.querySync(v -> v.totals().totalDebtMinor()),
                certificateFile == null || !reply.isAccepted() ? null :
                    engine.querySync(v -> v.novatedCertificate(runId)));
        });
        if (outcome == null)
        {
            return 2;
        }
        final RunNovation novation = outcome.novation();
        final NovatedCertificate proof = outcome.proof();
        print(out, journal, outcome.run(), novation, outcome.debtAfter(), (System.nanoTime() - startNs) / 1e9);
        try
        {
            if (noticeFile != null)
            {
                writeNotices(noticeFile, novation);
                line(out, "notices", String.format("%s (%,d rows)", noticeFile, novation.notices().size()));
            }
            if (accountsFile != null)
            {
                writeAccounts(accountsFile, novation);
                line(out, "accounts", String.format("%s (%,d rows)", accountsFile, novation.legs().size()));
            }
            if (certificateFile != null)
            {
                NovatedRunCertificateCsv.write(certificateFile, proof.runId(), proof.result());
                line(out, "certificate", String.format("%s (check it with 'clearing verify --run-certificate %s')",
                    certificateFile, certificateFile));
            }
        }
        catch (final IOException ex)
        {
            err.println("cannot write: " + ex.getMessage());
            err.flush();
            return ClearingCli.FAILURE;
        }
        out.flush();
        return 0;
    }

    private record Outcome(CommandReply reply, ClearingRunSummary run, RunNovation novation, long debtAfter,
        NovatedCertificate proof) implements JournalClearing.RunOutcome
    {
    }

    private static void print(final PrintWriter out, final Path journal, final ClearingRunSummary run,
        final RunNovation novation, final long debtAfter, final double seconds)
    {
        int inside = 0;
        long network = 0;
        long debtsLeftToFirms = 0;
        long debtsLeftToAccounts = 0;
        long claimsLeftOnAccounts = 0;
        for (final RunNovation.Notice notice : novation.notices())
        {
            network += notice.openMinor();
            if (notice.insideCommunity())
            {
                inside++;
                debtsLeftToFirms += notice.debtorRemainderMinor();
            }
            else
            {
                debtsLeftToAccounts += notice.debtorRemainderMinor();
                claimsLeftOnAccounts += notice.creditorRemainderMinor();
            }
        }
        out.printf("novated run %d over %,d open obligations: total debt %,d, NID %,d; journaled in %s (%.2f s)%n",
            run.runId(), run.obligations(), run.totalDebtBeforeMinor(), run.netInternalDebtMinor(), journal, seconds);
        line(out, "network", String.format("%,d obligations owing %,d (%,d inside one community, %,d between " +
            "communities); %,d left untouched (excluded, or owed to / by an account)", novation.notices().size(),
            network, inside, novation.notices().size() - inside, run.obligations() - novation.notices().size()));
        line(out, "firm debts", String.format("%,d discharged (%s %%); left %,d owed to firms, %,d to community " +
            "accounts", novation.firmDebtDischargedMinor(), Formats.percent(novation.firmDebtDischargedMinor(),
            network), debtsLeftToFirms, debtsLeftToAccounts));
        line(out, "firm claims", String.format("%,d discharged (%s %%); left %,d owed by firms, %,d by community " +
            "accounts", novation.firmClaimsDischargedMinor(), Formats.percent(novation.firmClaimsDischargedMinor(),
            network), debtsLeftToFirms, claimsLeftOnAccounts));
        line(out, "flat", String.format("%,d set off", novation.flatClearedMinor()));
        line(out, "level by level", String.format("%,d set off", novation.levelByLevelClearedMinor()));
        final long gain = 2 * (novation.firmDebtDischargedMinor() - novation.flatClearedMinor());
        line(out, "novated vs flat", String.format("%s%,d sides", gain >= 0 ? "+" : "", gain));
        for (final RunNovation.Stage stage : novation.stages())
        {
            final boolean top = stage.stage() == novation.levels();
            line(out, "stage " + stage.stage() + (top ? " (top)" : " (regions)"), String.format("between %s " +
                "accounts %,d, netted per pair %,d, cleared %,d, left %,d", stage.stage() == 1 ? "community" :
                "region", stage.debtMinor(), stage.nettedMinor(), stage.clearedMinor(), stage.leftMinor()));
        }
        for (final RunNovation.Account account : novation.accounts())
        {
            line(out, "account", String.format("%s: receivable %,d, payable %,d", account.accountId(),
                account.receivableMinor(), account.payableMinor()));
        }
        line(out, "total debt after", String.format("%,d (what stays owed to, by and between the accounts " +
            "recorded as obligations of run %d)", debtAfter, run.runId()));
    }

    private static void writeNotices(final Path file, final RunNovation novation) throws IOException
    {
        SetOffCsvWriter.writeAtomically(file, writer ->
        {
            writer.write(NOTICE_HEADER);
            writer.write('\n');
            for (final RunNovation.Notice n : novation.notices())
            {
                writer.write(String.join(",", n.obligationId(), n.debtorId(), n.creditorId(),
                    Long.toString(n.openMinor()), Long.toString(n.debtorDischargedMinor()),
                    Long.toString(n.debtorRemainderMinor()), n.debtorNowOwes(),
                    Long.toString(n.creditorDischargedMinor()), Long.toString(n.creditorRemainderMinor()),
                    n.creditorNowOwedBy(), n.debtorLegId(), n.creditorLegId()));
                writer.write('\n');
            }
        });
    }

    private static void writeAccounts(final Path file, final RunNovation novation) throws IOException
    {
        SetOffCsvWriter.writeAtomically(file, writer ->
        {
            writer.write(ACCOUNTS_HEADER);
            writer.write('\n');
            for (final RunNovation.Leg leg : novation.legs())
            {
                writer.write(String.join(",", Integer.toString(leg.stage()), leg.fromAccount(), leg.toAccount(),
                    Long.toString(leg.amountMinor()), Long.toString(leg.nettedMinor()),
                    Long.toString(leg.clearedMinor()), Long.toString(leg.remainderMinor()), leg.legId()));
                writer.write('\n');
            }
        });
    }
}
