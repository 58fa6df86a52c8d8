package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a network as an obligations CSV, {@code id,debtor,creditor,amount} with amounts in minor units, one row
 * per obligation in network order, atomically (see {@link SetOffCsvWriter#writeAtomically}). Reading the file
 * back with {@link ObligationCsvReader} at scale 0 gives an equal network.
 */
public final class ObligationCsvWriter
{
    public static final String HEADER = "id,debtor,creditor,amount";

    private ObligationCsvWriter()
    {
    }

    /**
     * @throws IllegalArgumentException when an id contains a comma, double quote or line break, which the format
     *                                  cannot carry; nothing is written then.
     */
    public static void write(final Path target, final ObligationNetwork network) throws IOException
    {
        checkIds(network);
        SetOffCsvWriter.writeAtomically(target, out ->
        {
            final StringBuilder line = new StringBuilder(96);
            out.write(HEADER);
            out.write('\n');
            for (int i = 0, n = network.obligationCount(); i < n; i++)
            {
                line.setLength(0);
                line.append(network.obligationId(i)).append(',')
                    .append(network.participantId(network.debtor(i))).append(',')
                    .append(network.participantId(network.creditor(i))).append(',')
                    .append(network.amountMinor(i)).append('\n');
                out.append(line);
            }
        });
    }

    private static void checkIds(final ObligationNetwork network)
    {
        for (int p = 0, n = network.participantCount(); p < n; p++)
        {
            checkText("participant", network.participantId(p));
        }
        if (network.hasObligationIds())
        {
            for (int i = 0, n = network.obligationCount(); i < n; i++)
            {
                checkText("obligation", network.obligationId(i));
            }
        }
    }

    private static void checkText(final String what, final String id)
    {
        for (int i = 0, n = id.length(); i < n; i++)
        {
            final char c = id.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r')
            {
                throw new IllegalArgumentException(what + " id '" + id + "' contains a comma, quote or line break, " +
                    "which the obligations CSV cannot carry");
            }
        }
    }
}
