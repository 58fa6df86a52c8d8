package io.clearing.core.engine.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;

class JournalPretoucherTest
{
    private static final long MB = 1L << 20;

    @TempDir
    Path directory;

    @Test
    void shouldReadAheadOfTheWriterUpToItsDistanceAndNoFurther() throws Exception
    {
        final File file = sparseFile("big.cq4", 64 * MB);
        try (JournalPretoucher pretoucher = new JournalPretoucher("test-pretouch"))
        {
            pretoucher.writerAt(file, 10_000);
            awaitTouched(pretoucher, until -> until >= 10_000 + JournalPretoucher.AHEAD_BYTES);
            Thread.sleep(50);
            assertThat(pretoucher.touchedUntil()).as("stops at its distance ahead of the writer")
                .isLessThanOrEqualTo(10_000 + JournalPretoucher.AHEAD_BYTES + 4096);

            pretoucher.writerAt(file, 40 * MB);
            awaitTouched(pretoucher, until -> until >= 40 * MB + JournalPretoucher.AHEAD_BYTES);
        }
    }

    @Test
    void shouldStopAtTheEndOfTheFileAndFollowTheWriterToItsNextFile() throws Exception
    {
        final File small = sparseFile("small.cq4", 2 * MB);
        final File next = sparseFile("next.cq4", 32 * MB);
        try (JournalPretoucher pretoucher = new JournalPretoucher("test-pretouch"))
        {
            pretoucher.writerAt(small, 0);
            awaitTouched(pretoucher, until -> until == 2 * MB);
            Thread.sleep(50);
            assertThat(pretoucher.touchedUntil()).as("nothing read past the end").isEqualTo(2 * MB);

            pretoucher.writerAt(next, 4096);
            awaitTouched(pretoucher, until -> until >= 4096 + JournalPretoucher.AHEAD_BYTES);
        }
    }

    @Test
    void shouldLeaveTheFileAsItWas() throws Exception
    {
        final File file = sparseFile("data.cq4", 4 * MB);
        final byte[] pattern = new byte[(int)(4 * MB)];
        Arrays.fill(pattern, (byte)0x5A);
        Files.write(file.toPath(), pattern);
        try (JournalPretoucher pretoucher = new JournalPretoucher("test-pretouch"))
        {
            pretoucher.writerAt(file, 0);
            awaitTouched(pretoucher, until -> until == 4 * MB);
        }
        assertThat(Files.readAllBytes(file.toPath())).isEqualTo(pattern);
    }

    private File sparseFile(final String name, final long length) throws IOException
    {
        final File file = directory.resolve(name).toFile();
        try (RandomAccessFile raf = new RandomAccessFile(file, "rw"))
        {
            raf.setLength(length);
        }
        return file;
    }

    private static void awaitTouched(final JournalPretoucher pretoucher, final LongPredicate done)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!done.test(pretoucher.touchedUntil()) && System.nanoTime() < deadline)
        {
            Thread.sleep(2);
        }
        assertThat(done.test(pretoucher.touchedUntil())).as("touched until %d", pretoucher.touchedUntil()).isTrue();
    }
}
