package io.clearing.core.csv;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ObligationNetwork;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

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
        writeSetOffs(target, result.network(), result.setOffs(), scale);
    }

    /**
     * The same for set-offs computed elsewhere (e.g. by another solver, for a side-by-side comparison): one
     * {@code setOffMinor} per obligation, each within {@code [0, amount]}.
     */
    public static void writeSetOffs(
        final Path target, final ObligationNetwork network, final long[] setOffMinor, final int scale)
        throws IOException
    {
        writeBytesAtomically(target, stream -> writeSetOffs(stream, network, setOffMinor, scale));
    }

    /**
     * The same rows to a stream, which is not closed.
     */
    public static void writeSetOffs(
        final OutputStream stream, final ObligationNetwork network, final long[] setOffMinor, final int scale)
        throws IOException
    {
        final byte[][] participantBytes = new byte[network.participantCount()][];
        for (int p = 0; p < participantBytes.length; p++)
        {
            participantBytes[p] = network.participantId(p).getBytes(StandardCharsets.UTF_8);
        }
        final AsciiOutput out = new AsciiOutput(stream, 1 << 16);
        try
        {
            out.ascii(SET_OFF_HEADER).put((byte)'\n');
            final boolean ids = network.hasObligationIds();
            for (int i = 0, n = network.obligationCount(); i < n; i++)
            {
                if (ids)
                {
                    out.bytes(network.obligationId(i).getBytes(StandardCharsets.UTF_8));
                }
                else
                {
                    out.amount(i + 1L, 0);
                }
                final long amount = network.amountMinor(i);
                out.put((byte)',').bytes(participantBytes[network.debtor(i)])
                    .put((byte)',').bytes(participantBytes[network.creditor(i)])
                    .put((byte)',').amount(amount, scale)
                    .put((byte)',').amount(setOffMinor[i], scale)
                    .put((byte)',').amount(amount - setOffMinor[i], scale)
                    .put((byte)'\n');
            }
            out.flush();
        }
        catch (final java.io.UncheckedIOException ex)
        {
            throw ex.getCause();
        }
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
     * Creates an empty file beside the target, named after it and this process, with the default permissions (the
     * umask's, like the target would get; {@code Files.createTempFile} would make it private and seed a
     * {@code SecureRandom} first, which costs a short run tens of milliseconds).
     */
    private static Path temporaryBeside(final Path absoluteTarget) throws IOException
    {
        final String prefix = "." + absoluteTarget.getFileName() + "." + ProcessHandle.current().pid() + ".";
        for (int attempt = 0; ; attempt++)
        {
            final Path candidate = absoluteTarget.resolveSibling(prefix + attempt + ".tmp");
            try
            {
                return Files.createFile(candidate);
            }
            catch (final java.nio.file.FileAlreadyExistsException ex)
            {
                if (attempt == 1000)
                {
                    throw ex;
                }
            }
        }
    }

    /**
     * What writes the content of a file as bytes.
     */
    @FunctionalInterface
    public interface BinaryContent
    {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes UTF-8 text through a temporary file and renames it over the target; on any failure the temporary file
     * is removed and the target is untouched.
     */
    public static void writeAtomically(final Path target, final Content content) throws IOException
    {
        writeBytesAtomically(target, stream ->
        {
            final Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            content.writeTo(out);
            out.flush();
        });
    }

    /**
     * Writes bytes through a temporary file and renames it over the target; on any failure the temporary file is
     * removed and the target is untouched.
     */
    public static void writeBytesAtomically(final Path target, final BinaryContent content) throws IOException
    {
        final Path absolute = target.toAbsolutePath();
        final Path temporary = temporaryBeside(absolute);
        try
        {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE))
            {
                content.writeTo(out);
            }
            catch (final java.io.UncheckedIOException ex)
            {
                throw ex.getCause();
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
