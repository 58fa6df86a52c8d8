package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.policy.ExclusionReason;
import io.clearing.core.policy.HierarchyResult;
import io.clearing.core.policy.PolicyHierarchyResult;

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
    /**
     * Under a policy: the unit, the levels, the part across units (top level only) and a note saying why an
     * obligation was left untouched at every level.
     */
    public static final String POLICY_HEADER =
        "id,debtor,creditor,unit,amount,set_off,remainder,at_community,at_region,at_top,across_units,note";

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
                PolicySetOffCsvWriter.appendNotice(row, network, null, i, result.setOffMinor(i), scale);
                for (int level = 0; level < 3; level++)
                {
                    SetOffCsvWriter.appendAmount(row.append(','), result.setOffMinor(level, i), scale);
                }
                out.append(row).append('\n');
            }
        });
    }

    /**
     * Writes the notices of a run by community, region and top level under a policy, {@link #POLICY_HEADER}.
     *
     * @param result a result of three levels (communities, regions, top).
     */
    public static void write(final Path target, final PolicyHierarchyResult result, final int scale)
        throws IOException
    {
        if (result.levels() != 3)
        {
            throw new IllegalArgumentException("expected community, region and top levels, got " + result.levels());
        }
        final ObligationNetwork network = result.network();
        SetOffCsvWriter.writeAtomically(target, out ->
        {
            final StringBuilder row = new StringBuilder(128);
            out.write(POLICY_HEADER);
            out.write('\n');
            for (int i = 0, n = network.obligationCount(); i < n; i++)
            {
                row.setLength(0);
                PolicySetOffCsvWriter.appendNotice(row, network, result.policy(), i, result.setOffMinor(i), scale);
                for (int level = 0; level < 3; level++)
                {
                    SetOffCsvWriter.appendAmount(row.append(','), result.setOffMinor(level, i), scale);
                }
                SetOffCsvWriter.appendAmount(row.append(','), result.crossUnitMinor(i), scale).append(',');
                if (result.exclusion(i) != ExclusionReason.NONE)
                {
                    row.append("excluded: ").append(result.exclusion(i).reason());
                }
                out.append(row).append('\n');
            }
        });
    }
}
