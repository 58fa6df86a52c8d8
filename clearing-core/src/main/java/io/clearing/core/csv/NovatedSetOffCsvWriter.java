package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.policy.NovatedHierarchyResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the notices and the account legs of a run by novation ({@link NovatedHierarchyResult}), atomically.
 * <p>
 * Notices, {@link #HEADER}, one row per obligation in input order: what was discharged of the debtor's debt and of
 * the creditor's claim, what remains of each, and whom the rest is owed to / by: the other firm for an obligation
 * inside one community, the community account ({@code community:NAME}) for one between communities (novated).
 * <p>
 * Account legs, {@link #ACCOUNTS_HEADER}, one row per ordered pair of accounts with debt between them, in stage
 * order: the aggregate of the legs, the part netted against the opposite pair, the part cleared by the stage's exact
 * run, and what remains.
 */
public final class NovatedSetOffCsvWriter
{
    public static final String HEADER = "id,debtor,creditor,amount,debtor_discharged,debtor_remainder," +
        "debtor_now_owes,creditor_discharged,creditor_remainder,creditor_now_owed_by,note";
    public static final String ACCOUNTS_HEADER = "stage,from,to,amount,netted,cleared,remainder";

    private NovatedSetOffCsvWriter()
    {
    }

    /**
     * @param groupNames per level, the names of its groups (communities, regions, ...).
     * @param levelNames per level, the word for its groups: the prefix of an account's name ({@code community}).
     */
    public static void writeNotices(
        final Path target, final NovatedHierarchyResult result, final List<List<String>> groupNames,
        final List<String> levelNames, final int scale) throws IOException
    {
        final ObligationNetwork network = result.network();
        SetOffCsvWriter.writeAtomically(target, out ->
        {
            final StringBuilder row = new StringBuilder(160);
            out.write(HEADER);
            out.write('\n');
            for (int i = 0, n = network.obligationCount(); i < n; i++)
            {
                final String debtor = network.participantId(network.debtor(i));
                final String creditor = network.participantId(network.creditor(i));
                final long amount = network.amountMinor(i);
                final boolean inside = result.isInsideCommunity(i);
                final String debtorCommunity = groupNames.get(0).get(result.group(0, network.debtor(i)));
                final String creditorCommunity = groupNames.get(0).get(result.group(0, network.creditor(i)));
                row.setLength(0);
                row.append(network.obligationId(i)).append(',').append(debtor).append(',').append(creditor).append(',');
                SetOffCsvWriter.appendAmount(row, amount, scale).append(',');
                SetOffCsvWriter.appendAmount(row, result.debtorDischargedMinor(i), scale).append(',');
                SetOffCsvWriter.appendAmount(row, amount - result.debtorDischargedMinor(i), scale).append(',');
                row.append(inside ? creditor : levelNames.get(0) + ":" + debtorCommunity).append(',');
                SetOffCsvWriter.appendAmount(row, result.creditorDischargedMinor(i), scale).append(',');
                SetOffCsvWriter.appendAmount(row, amount - result.creditorDischargedMinor(i), scale).append(',');
                row.append(inside ? debtor : levelNames.get(0) + ":" + creditorCommunity).append(',');
                row.append(inside ? "set off within " + debtorCommunity :
                    "novated through the accounts of " + debtorCommunity + " and " + creditorCommunity);
                out.append(row).append('\n');
            }
        });
    }

    /**
     * @param groupNames as for {@link #writeNotices}.
     * @param levelNames as for {@link #writeNotices}.
     */
    public static void writeAccounts(
        final Path target, final NovatedHierarchyResult result, final List<List<String>> groupNames,
        final List<String> levelNames, final int scale) throws IOException
    {
        SetOffCsvWriter.writeAtomically(target, out ->
        {
            final StringBuilder row = new StringBuilder(128);
            out.write(ACCOUNTS_HEADER);
            out.write('\n');
            for (int a = 0; a < result.accountArcCount(); a++)
            {
                row.setLength(0);
                row.append(result.accountArcStage(a)).append(',');
                row.append(accountName(result, result.accountArcTail(a), groupNames, levelNames)).append(',');
                row.append(accountName(result, result.accountArcHead(a), groupNames, levelNames)).append(',');
                SetOffCsvWriter.appendAmount(row, result.accountArcAmountMinor(a), scale).append(',');
                SetOffCsvWriter.appendAmount(row, result.accountArcNettedMinor(a), scale).append(',');
                SetOffCsvWriter.appendAmount(row, result.accountArcClearedMinor(a), scale).append(',');
                SetOffCsvWriter.appendAmount(row, result.accountArcRemainderMinor(a), scale);
                out.append(row).append('\n');
            }
        });
    }

    /**
     * @return {@code LEVEL:GROUP}, e.g. {@code community:lakeside}, for an account node.
     */
    public static String accountName(
        final NovatedHierarchyResult result, final int node, final List<List<String>> groupNames,
        final List<String> levelNames)
    {
        final int level = result.accountLevel(node);
        return levelNames.get(level) + ":" + groupNames.get(level).get(result.accountGroup(node));
    }
}
