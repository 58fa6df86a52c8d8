package io.clearing.server.ingress;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.aeron.ChannelUri;

import java.nio.file.Path;

/**
 * Settings of the {@link AeronIngress}: fluent setters with working defaults (an embedded media driver, IPC), one
 * {@link #conclude()} that names the bad setting. Maps onto a YAML block of the server configuration (the field
 * names below are the YAML keys). Not thread-safe; do not change after launch.
 */
public final class IngressConfiguration
{
    public static final String DEFAULT_CHANNEL = "aeron:ipc";
    public static final int DEFAULT_STREAM_ID = 1001;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_PENDING_ACKS_PER_SESSION = 16 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT = 64 * 1024;
    public static final int DEFAULT_DRIVER_TERM_LENGTH = 16 * 1024 * 1024;
    /**
     * Smallest obligation entry on the wire (three empty ids): bounds the commands one message can carry.
     */
    static final int MIN_ENTRY_BYTES = 22;

    @JsonProperty
    private String channel = DEFAULT_CHANNEL;
    @JsonProperty
    private int streamId = DEFAULT_STREAM_ID;
    @JsonProperty
    private IdleStrategyType idleStrategy = IdleStrategyType.BACKOFF;
    @JsonProperty
    private boolean embeddedDriver = true;
    @JsonProperty
    private String aeronDirectory;
    @JsonProperty
    private int driverTermLength = DEFAULT_DRIVER_TERM_LENGTH;
    @JsonProperty
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    @JsonProperty
    private int maxPendingAcksPerSession = DEFAULT_MAX_PENDING_ACKS_PER_SESSION;
    @JsonProperty
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;

    /**
     * Checks every setting once.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad setting and its value.
     */
    public IngressConfiguration conclude()
    {
        require(channel != null && !channel.isBlank(), "channel must be set");
        final ChannelUri uri;
        try
        {
            uri = ChannelUri.parse(channel);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("IngressConfiguration.channel is not an Aeron channel: " + channel +
                " (" + ex.getMessage() + ")", ex);
        }
        require("ipc".equals(uri.media()) || "udp".equals(uri.media()),
            "channel must be aeron:ipc or aeron:udp: " + channel);
        require(idleStrategy != null, "idleStrategy must be set");
        require(embeddedDriver || aeronDirectory != null, "aeronDirectory must be set when embeddedDriver is false");
        require(driverTermLength >= 64 * 1024 && driverTermLength <= 1024 * 1024 * 1024 &&
            Integer.bitCount(driverTermLength) == 1,
            "driverTermLength must be a power of two from 65536 to 1073741824: " + driverTermLength);
        require(maxMessageBytes >= 1024 && maxMessageBytes <= 16 * 1024 * 1024,
            "maxMessageBytes must be from 1024 to 16777216: " + maxMessageBytes);
        final int maxEntries = maxMessageBytes / MIN_ENTRY_BYTES + 1;
        require(maxPendingAcksPerSession >= maxEntries,
            "maxPendingAcksPerSession must hold every command of one message (>= " + maxEntries +
            " for maxMessageBytes " + maxMessageBytes + "): " + maxPendingAcksPerSession);
        require(maxInFlight >= 64 && Integer.bitCount(maxInFlight) == 1,
            "maxInFlight must be a power of two >= 64: " + maxInFlight);
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("IngressConfiguration." + message);
        }
    }

    /**
     * The Aeron channel clients publish to: {@code aeron:ipc} (default) for clients on this machine, or
     * {@code aeron:udp?endpoint=host:port} to listen on a UDP endpoint.
     */
    public IngressConfiguration channel(final String channel)
    {
        this.channel = channel;
        return this;
    }

    public String channel()
    {
        return channel;
    }

    /**
     * Stream id of the ingress channel; default {@value #DEFAULT_STREAM_ID}.
     */
    public IngressConfiguration streamId(final int streamId)
    {
        this.streamId = streamId;
        return this;
    }

    public int streamId()
    {
        return streamId;
    }

    /**
     * How the ingress thread (and an embedded driver's thread) idles; default {@link IdleStrategyType#BACKOFF}.
     */
    public IngressConfiguration idleStrategy(final IdleStrategyType idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }

    public IdleStrategyType idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * Start a media driver inside this JVM (one shared thread, its directory deleted on close); default true. When
     * false, connect to the external driver at {@link #aeronDirectory()}.
     */
    public IngressConfiguration embeddedDriver(final boolean embeddedDriver)
    {
        this.embeddedDriver = embeddedDriver;
        return this;
    }

    public boolean embeddedDriver()
    {
        return embeddedDriver;
    }

    /**
     * The media driver's directory. For an embedded driver: default a new folder under {@code /dev/shm} (else the
     * temporary folder), deleted on close; clients in other processes connect to it. Required for an external driver.
     */
    public IngressConfiguration aeronDirectory(final Path aeronDirectory)
    {
        this.aeronDirectory = aeronDirectory == null ? null : aeronDirectory.toString();
        return this;
    }

    public Path aeronDirectory()
    {
        return aeronDirectory == null ? null : Path.of(aeronDirectory);
    }

    /**
     * Term length of an embedded driver's publications, IPC and UDP (a log buffer is three terms); default
     * {@value #DEFAULT_DRIVER_TERM_LENGTH}. Smaller terms mean earlier back-pressure.
     */
    public IngressConfiguration driverTermLength(final int driverTermLength)
    {
        this.driverTermLength = driverTermLength;
        return this;
    }

    public int driverTermLength()
    {
        return driverTermLength;
    }

    /**
     * Largest message accepted; longer ones are refused as malformed. Default {@value #DEFAULT_MAX_MESSAGE_BYTES}.
     */
    public IngressConfiguration maxMessageBytes(final int maxMessageBytes)
    {
        this.maxMessageBytes = maxMessageBytes;
        return this;
    }

    public int maxMessageBytes()
    {
        return maxMessageBytes;
    }

    /**
     * Commands of one session that may be unacknowledged at once (in the engine, or answered but not yet sent
     * because the client does not read its acknowledgements). At the bound the ingress stops reading the session,
     * so the client's own publication is back-pressured; acknowledgements are never dropped. Default
     * {@value #DEFAULT_MAX_PENDING_ACKS_PER_SESSION}.
     */
    public IngressConfiguration maxPendingAcksPerSession(final int maxPendingAcksPerSession)
    {
        this.maxPendingAcksPerSession = maxPendingAcksPerSession;
        return this;
    }

    public int maxPendingAcksPerSession()
    {
        return maxPendingAcksPerSession;
    }

    /**
     * Commands of all sessions in the engine at once (a power of two); default {@value #DEFAULT_MAX_IN_FLIGHT}.
     */
    public IngressConfiguration maxInFlight(final int maxInFlight)
    {
        this.maxInFlight = maxInFlight;
        return this;
    }

    public int maxInFlight()
    {
        return maxInFlight;
    }
}
