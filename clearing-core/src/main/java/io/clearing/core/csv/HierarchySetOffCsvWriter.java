package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.policy.HierarchyResult;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the notices of a run by community, region and top level: {@link #HEADER}, one row per obligation in input
 * order, atomically. {@code at_community}, {@code at_region} and {@code at_top} say how much of {@code set_off} was
 * discharged at each level; they add up to it. The first six columns are those of the plain set-off file, so
 * {@code clearing verify} checks the result's feasibility as it is.
 */
public final class HierarchySetOffCsvWriter
{
    public static final String HEADER = "id,debtor,creditor,amount,set_off,remainder,at_community,at_region,at_top";

    private HierarchySetOffCsvWriter()
    {
    }

    /**
     * @param result a result of three levels (communities, regions, top).
     */
    public static void write(final Path target, final HierarchyResult result, final int scale) throws IOException
    {
        if (result.levels() != 3)
        {
            throw new IllegalArgumentException("expected community, region and top levels, got " + result.levels());
        }
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
                    .append(network.participantId(network.creditor(i))).append(',');
                SetOffCsvWriter.appendAmount(row, network.amountMinor(i), scale).append(',');
                SetOffCsvWriter.appendAmount(row, result.setOffMinor(i), scale).append(',');
                SetOffCsvWriter.appendAmount(row, network.amountMinor(i) - result.setOffMinor(i), scale);
                for (int level = 0; level < 3; level++)
                {
                    SetOffCsvWriter.appendAmount(row.append(','), result.setOffMinor(level, i), scale);
                }
                out.append(row).append('\n');
            }
        });
    }
}
