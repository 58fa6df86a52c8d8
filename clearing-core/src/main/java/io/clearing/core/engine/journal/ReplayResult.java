package io.clearing.core.engine.journal;

/**
 * What a replay read.
 *
 * @param records          commands handed to the handler.
 * @param damagedDocuments journal documents skipped because their layout or checksum did not match: a torn write,
 *                         never acknowledged (acknowledgement waits for the complete write).
 * @param lastIndex        index of the last document read, or the starting point when none was.
 */
public record ReplayResult(long records, long damagedDocuments, long lastIndex)
{
}
