package io.clearing.core.spi;

/**
 * Told how far a long operation has come, so that a front end can draw a progress bar. Called on the thread doing
 * the work, now and then (not per item); implementations must be cheap and must not throw.
 */
@FunctionalInterface
public interface ProgressListener
{
    ProgressListener NONE = bytes -> {};

    /**
     * @param bytes bytes of input consumed so far.
     */
    void bytesRead(long bytes);
}
