package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.ExclusionReason;
import io.clearing.core.policy.PolicyResult;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the notices of a policy run: {@code id,debtor,creditor,unit,amount,set_off,remainder,across_units,note}, one
 * row per obligation in input order, atomically. {@code across_units} is the part of {@code set_off} discharged
 * across units through the treasury (what {@link PolicySetOffCsvReader} and the verifier read); the note says the
 * same in words, or why an obligation was left untouched, and is empty otherwise.
 */
public final class PolicySetOffCsvWriter
{
    public static final String HEADER = "id,debtor,creditor,unit,amount,set_off,remainder,across_units,note";

    private PolicySetOffCsvWriter()
    {
    }

    public static void write(final Path target, final PolicyResult result, final int scale) throws IOException
    {
        final ObligationNetwork network = result.network();
        SetOffCsvWriter.writeAtomically(target, out ->
        {
            final StringBuilder row = new StringBuilder(128);
            out.write(HEADER);
            out.write('\n');
            for (int i = 0, n = network.obligationCount(); i < n; i++)
            {
                row.setLength(0);
                appendNotice(row, network, result.policy(), i, result.setOffMinor(i), scale).append(',');
                SetOffCsvWriter.appendAmount(row, result.crossUnitMinor(i), scale).append(',');
                if (result.exclusion(i) != ExclusionReason.NONE)
                {
                    row.append("excluded: ").append(result.exclusion(i).reason());
                }
                else if (result.crossUnitMinor(i) > 0)
                {
                    row.append("across units through the treasury: ");
                    SetOffCsvWriter.appendAmount(row, result.crossUnitMinor(i), scale);
                }
                out.append(row).append('\n');
            }
        });
    }

    /**
     * Appends the columns every notice file starts with, {@code id,debtor,creditor,[unit,]amount,set_off,remainder},
     * without a trailing comma.
     *
     * @param policy the unit column's source, or null for a file without one.
     */
    static StringBuilder appendNotice(final StringBuilder row, final ObligationNetwork network,
        final ClearingPolicy policy, final int i, final long setOffMinor, final int scale)
    {
        row.append(network.obligationId(i)).append(',')
            .append(network.participantId(network.debtor(i))).append(',')
            .append(network.participantId(network.creditor(i))).append(',');
        if (policy != null)
        {
            row.append(policy.unitName(policy.unit(i))).append(',');
        }
        SetOffCsvWriter.appendAmount(row, network.amountMinor(i), scale).append(',');
        SetOffCsvWriter.appendAmount(row, setOffMinor, scale).append(',');
        return SetOffCsvWriter.appendAmount(row, network.amountMinor(i) - setOffMinor, scale);
    }
}
