package io.clearing.benchmarks;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.csv.SetOffCsvWriter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the set-off CSV ({@code id,debtor,creditor,amount,set_off,remainder}, input order) from a bare set-off
 * array, for solvers that do not produce a {@code ClearingResult}. Same format and atomic write as
 * {@link SetOffCsvWriter#writeSetOffs}, so the two files can be compared line by line.
 */
final class SetOffRows
{
    private SetOffRows()
    {
    }

    static void write(final Path target, final ObligationNetwork network, final long[] setOffMinor, final int scale)
        throws IOException
    {
        SetOffCsvWriter.writeAtomically(target, out ->
        {
            final StringBuilder line = new StringBuilder(128);
            out.write(SetOffCsvWriter.SET_OFF_HEADER);
            out.write('\n');
            for (int i = 0, n = network.obligationCount(); i < n; i++)
            {
                final long amount = network.amountMinor(i);
                line.setLength(0);
                line.append(network.obligationId(i)).append(',')
                    .append(network.participantId(network.debtor(i))).append(',')
                    .append(network.participantId(network.creditor(i))).append(',');
                SetOffCsvWriter.appendAmount(line, amount, scale).append(',');
                SetOffCsvWriter.appendAmount(line, setOffMinor[i], scale).append(',');
                SetOffCsvWriter.appendAmount(line, amount - setOffMinor[i], scale).append('\n');
                out.append(line);
            }
        });
    }
}
