package io.clearing.server.cli;

import io.clearing.core.spi.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress bars on stderr for runs that last: nothing is drawn during the first second, so short runs print no
 * bar and load no progress bar or terminal classes at all; a disabled display (stderr not a terminal) does
 * nothing and starts no thread.
 * <p>
 * A run is a sequence of phases; a phase with a known total (bytes to read) gets a bar, one without (the solve)
 * an indeterminate bar that the progress bar library animates on its own thread. Phase changes and
 * {@link #bytesRead(long)} come from the working thread; a daemon timer thread opens the first bar after the delay.
 */
final class ProgressDisplay implements ProgressListener, AutoCloseable
{
    static final long SHOW_AFTER_MS = 1000;

    private final boolean enabled;
    private final PrintStream err;
    private final long showAfterMs;
    private final long startNs = System.nanoTime();
    private String phase;
    private long total;
    private long done;
    private boolean visible;
    private boolean closed;
    private ProgressBar bar;

    private ProgressDisplay(final boolean enabled, final PrintStream err, final long showAfterMs)
    {
        this.enabled = enabled;
        this.err = err;
        this.showAfterMs = showAfterMs;
    }

    /**
     * @return a display drawing on {@code err} when {@code terminal}, else one that does nothing.
     */
    static ProgressDisplay create(final boolean terminal, final PrintStream err)
    {
        return create(terminal, err, SHOW_AFTER_MS);
    }

    static ProgressDisplay create(final boolean terminal, final PrintStream err, final long showAfterMs)
    {
        final ProgressDisplay display = new ProgressDisplay(terminal, err, showAfterMs);
        if (terminal)
        {
            final Thread timer = new Thread(display::showAfterDelay, "progress-delay");
            timer.setDaemon(true);
            timer.start();
        }
        return display;
    }

    /**
     * @return whether stderr is a terminal, as {@code bin/clearing} tells through a system property.
     */
    static boolean stderrIsTerminal()
    {
        return Boolean.getBoolean(ClearingCli.STDERR_TTY_PROPERTY);
    }

    /**
     * Starts a phase; {@code totalBytes <= 0} means its length is unknown.
     */
    void phase(final String name, final long totalBytes)
    {
        if (!enabled)
        {
            return;
        }
        synchronized (this)
        {
            closeBar();
            phase = name;
            total = totalBytes;
            done = 0;
            if (visible && !closed)
            {
                openBar();
            }
        }
    }

    @Override
    public void bytesRead(final long bytes)
    {
        if (!enabled)
        {
            return;
        }
        synchronized (this)
        {
            done = bytes;
            if (bar != null)
            {
                bar.stepTo(bytes);
            }
        }
    }

    @Override
    public void close()
    {
        if (!enabled)
        {
            return;
        }
        synchronized (this)
        {
            closed = true;
            closeBar();
        }
    }

    private void showAfterDelay()
    {
        try
        {
            Thread.sleep(showAfterMs);
        }
        catch (final InterruptedException ex)
        {
            return;
        }
        synchronized (this)
        {
            visible = true;
            if (!closed && phase != null)
            {
                openBar();
            }
        }
    }

    private void openBar()
    {
        final ProgressBarBuilder builder = new ProgressBarBuilder()
            .setTaskName(phase)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(err))
            .setUpdateIntervalMillis(500)
            .startsFrom(0, Duration.ofNanos(System.nanoTime() - startNs));
        if (total > 0)
        {
            builder.setInitialMax(total).setUnit(" MB", 1 << 20);
        }
        else
        {
            // nothing reports progress during such a phase: redraw anyway so that the elapsed time moves
            builder.setInitialMax(-1).hideEta().continuousUpdate();
        }
        bar = builder.build();
        if (total > 0)
        {
            bar.stepTo(done);
        }
    }

    private void closeBar()
    {
        if (bar != null)
        {
            bar.close();
            bar = null;
        }
    }
}
