package io.clearing.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code limits} section: request body sizes (refused with 413) and page sizes.
 */
public final class LimitsFactory
{
    private long maxJsonBytes = 16L * 1024 * 1024;
    private long maxCsvBytes = 1024L * 1024 * 1024;
    private int maxPageSize = 1000;
    private int maxRejectsReported = 1000;

    /**
     * Largest JSON request body; default 16 MiB (a JSON array of about 150,000 obligations).
     */
    @JsonProperty
    public long getMaxJsonBytes()
    {
        return maxJsonBytes;
    }

    @JsonProperty
    public void setMaxJsonBytes(final long maxJsonBytes)
    {
        this.maxJsonBytes = maxJsonBytes;
    }

    /**
     * Largest CSV upload; default 1 GiB (about 25 million obligations).
     */
    @JsonProperty
    public long getMaxCsvBytes()
    {
        return maxCsvBytes;
    }

    @JsonProperty
    public void setMaxCsvBytes(final long maxCsvBytes)
    {
        this.maxCsvBytes = maxCsvBytes;
    }

    /**
     * Most items a list request may ask for ({@code limit}); default 1000.
     */
    @JsonProperty
    public int getMaxPageSize()
    {
        return maxPageSize;
    }

    @JsonProperty
    public void setMaxPageSize(final int maxPageSize)
    {
        this.maxPageSize = maxPageSize;
    }

    /**
     * Most rejected lines a bulk upload lists one by one (all are counted); default 1000.
     */
    @JsonProperty
    public int getMaxRejectsReported()
    {
        return maxRejectsReported;
    }

    @JsonProperty
    public void setMaxRejectsReported(final int maxRejectsReported)
    {
        this.maxRejectsReported = maxRejectsReported;
    }
}
