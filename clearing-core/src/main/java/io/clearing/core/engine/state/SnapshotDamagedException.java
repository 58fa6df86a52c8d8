package io.clearing.core.engine.state;

/**
 * A snapshot cannot be read: truncated, checksum mismatch, or counts out of range. Recovery falls back to an
 * older snapshot or to a full replay.
 */
public final class SnapshotDamagedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public SnapshotDamagedException(final String message)
    {
        super(message);
    }
}
