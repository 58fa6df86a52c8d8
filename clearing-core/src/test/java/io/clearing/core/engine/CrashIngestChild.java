package io.clearing.core.engine;

import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.ResultListener;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

/**
 * The child JVM of {@link CrashRecoveryTest}: launches an engine on the journal directory given, registers the
 * participants, then submits obligations {@code O0, O1, ...} from a little before the recovered count (those come
 * back DUPLICATE) until killed. Prints {@code READY}, then the number of every acknowledged obligation, so that the
 * parent knows what must survive the kill.
 */
public final class CrashIngestChild
{
    static final int PARTICIPANTS = 50;
    static final int MAX_OBLIGATIONS = 3_000_000;
    /**
     * Obligations before the recovered count submitted again: they must come back DUPLICATE, not be added twice.
     */
    static final int RESUBMITTED = 2_000;

    private CrashIngestChild()
    {
    }

    static String debtor(final long i)
    {
        return "P" + (i * 7 % PARTICIPANTS);
    }

    static String creditor(final long i)
    {
        return "P" + ((i * 7 + 1 + i % 13) % PARTICIPANTS);
    }

    static long amount(final long i)
    {
        return 1 + (i * 31 % 997);
    }

    public static void main(final String[] args) throws Exception
    {
        final OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        final Context context = new Context()
            .journalDirectory(Paths.get(args[0]))
            .ringSize(4096)
            .snapshotIntervalCommands(Long.parseLong(args[1]))
            .continuousPolicy(Boolean.parseBoolean(args[2]) ?
                io.clearing.core.engine.api.ContinuousPolicy.DEFAULT_ENABLED :
                io.clearing.core.engine.api.ContinuousPolicy.DISABLED)
            .journalThread(Boolean.parseBoolean(args[3]));
        final ClearingEngine engine = ClearingEngine.launch(context);
        for (int p = 0; p < PARTICIPANTS; p++)
        {
            engine.registerParticipantSync("P" + p, "Firm " + p);
        }
        write(out, "READY\n");
        out.flush();
        final ResultListener acknowledged = new ResultListener()
        {
            private long count;

            @Override
            public void onResult(final long correlationId, final ResultCode code, final long value)
            {
                if (code != ResultCode.ACCEPTED && code != ResultCode.DUPLICATE)
                {
                    write(out, "REFUSED " + correlationId + " " + code + "\n");
                    return;
                }
                write(out, correlationId + "\n");
                if (++count % 128 == 0)
                {
                    flush(out);
                }
            }
        };
        final long recovered = engine.querySync(v -> v.totals().obligations());
        for (long i = Math.max(0, recovered - RESUBMITTED); i < MAX_OBLIGATIONS; i++)
        {
            engine.submitObligation("O" + i, debtor(i), creditor(i), amount(i), i, acknowledged);
        }
        engine.close();
        write(out, "DONE\n");
        out.flush();
    }

    private static void write(final OutputStream out, final String text)
    {
        try
        {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void flush(final OutputStream out)
    {
        try
        {
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
