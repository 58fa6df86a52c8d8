package io.clearing.server.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressDisplayTest
{
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String drawn()
    {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldDrawNothingAndStartNoThreadWhenStderrIsNoTerminal() throws Exception
    {
        final int threadsBefore = Thread.activeCount();
        try (ProgressDisplay display = ProgressDisplay.create(false, err, 0))
        {
            display.phase("reading", 100);
            display.bytesRead(50);
            assertThat(Thread.activeCount()).isEqualTo(threadsBefore);
            Thread.sleep(50);
        }

        assertThat(drawn()).isEmpty();
    }

    @Test
    void shouldDrawNothingWhenTheRunEndsBeforeTheDelay()
    {
        try (ProgressDisplay display = ProgressDisplay.create(true, err, 60_000))
        {
            display.phase("reading", 100);
            display.bytesRead(100);
        }

        assertThat(drawn()).isEmpty();
    }

    @Test
    void shouldDrawEachPhaseWhenTheRunOutlastsTheDelay() throws Exception
    {
        try (ProgressDisplay display = ProgressDisplay.create(true, err, 0))
        {
            display.phase("reading", 4 << 20);
            display.bytesRead(2 << 20);
            awaitDrawn("reading");
            display.phase("clearing", -1);
            awaitDrawn("clearing");
        }

        assertThat(drawn()).contains("reading", "MB", "clearing");
    }

    private void awaitDrawn(final String text) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (!drawn().contains(text) && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(10);
        }
        assertThat(drawn()).contains(text);
    }
}
