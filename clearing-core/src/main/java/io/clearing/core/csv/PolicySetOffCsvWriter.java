package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;
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
                row.append(network.obligationId(i)).append(',')
                    .append(network.participantId(network.debtor(i))).append(',')
                    .append(network.participantId(network.creditor(i))).append(',')
                    .append(result.policy().unitName(result.policy().unit(i))).append(',');
                SetOffCsvWriter.appendAmount(row, network.amountMinor(i), scale).append(',');
                SetOffCsvWriter.appendAmount(row, result.setOffMinor(i), scale).append(',');
                SetOffCsvWriter.appendAmount(row, result.remainderMinor(i), scale).append(',');
                SetOffCsvWriter.appendAmount(row, result.crossUnitMinor(i), scale).append(',');
                if (result.exclusion(i) != ExclusionReason.NONE)
                {
                    row.append("excluded: ").append(result.exclusion(i).description());
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
}
