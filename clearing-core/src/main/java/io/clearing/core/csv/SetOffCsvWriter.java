package io.clearing.core.csv;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ObligationNetwork;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes result files atomically: to a temporary file beside the target, then renamed over it, so a reader never
 * sees a partial file and a failed run leaves none.
 */
public final class SetOffCsvWriter
{
    public static final String SET_OFF_HEADER = "id,debtor,creditor,amount,set_off,remainder";
    public static final String CERTIFICATE_HEADER = "participant,potential";

    private SetOffCsvWriter()
    {
    }

    /**
     * Writes {@code id,debtor,creditor,amount,set_off,remainder}, one row per obligation in input order. Amounts
     * are written in minor units, or in major units with {@code scale} decimals when the input used them.
     */
    public static void writeSetOffs(final Path target, final ClearingResult result, final int scale) throws IOException
    {
        final ObligationNetwork network = result.network();
        writeAtomically(target, out ->
        {
            final StringBuilder line = new StringBuilder(128);
            out.write(SET_OFF_HEADER);
            out.write('\n');
            for (int i = 0, n = network.obligationCount(); i < n; i++)
            {
                line.setLength(0);
                line.append(network.obligationId(i)).append(',')
                    .append(network.participantId(network.debtor(i))).append(',')
                    .append(network.participantId(network.creditor(i))).append(',');
                appendAmount(line, network.amountMinor(i), scale).append(',');
                appendAmount(line, result.setOffMinor(i), scale).append(',');
                appendAmount(line, result.remainderMinor(i), scale).append('\n');
                out.append(line);
            }
        });
    }

    /**
     * Writes the optimality certificate: {@code participant,potential}, one row per participant.
     */
    public static void writeCertificate(final Path target, final ClearingResult result) throws IOException
    {
        final ObligationNetwork network = result.network();
        writeAtomically(target, out ->
        {
            out.write(CERTIFICATE_HEADER);
            out.write('\n');
            for (int p = 0, n = network.participantCount(); p < n; p++)
            {
                out.append(network.participantId(p)).append(',')
                    .append(Long.toString(result.potential(p))).append('\n');
            }
        });
    }

    /**
     * Formats minor units as a decimal in major units: 123456 with scale 2 is {@code 1234.56}.
     */
    public static StringBuilder appendAmount(final StringBuilder out, final long minor, final int scale)
    {
        if (scale == 0)
        {
            return out.append(minor);
        }
        final String digits = Long.toString(minor);
        if (digits.length() <= scale)
        {
            out.append("0.");
            for (int i = digits.length(); i < scale; i++)
            {
                out.append('0');
            }
            return out.append(digits);
        }
        final int point = digits.length() - scale;
        return out.append(digits, 0, point).append('.').append(digits, point, digits.length());
    }

    /**
     * What writes the content of a file.
     */
    @FunctionalInterface
    public interface Content
    {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Writes through a temporary file and renames it over the target; on any failure the temporary file is
     * removed and the target is untouched.
     */
    public static void writeAtomically(final Path target, final Content content) throws IOException
    {
        final Path absolute = target.toAbsolutePath();
        final Path directory = absolute.getParent();
        final Path temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
        try
        {
            try (Writer out = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(temporary), StandardCharsets.UTF_8), 1 << 16))
            {
                content.writeTo(out);
            }
            try
            {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (final java.nio.file.AtomicMoveNotSupportedException ex)
            {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        finally
        {
            Files.deleteIfExists(temporary);
        }
    }
}
