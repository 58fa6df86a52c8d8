package io.clearing.client;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.clearing.client.codec.AckMessages;
import io.clearing.client.codec.IngressMessages;
import io.clearing.client.codec.MessageHeader;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A connection to the clearing engine's Aeron ingress: send obligations (one by one or in {@link ObligationBatch}es),
 * registrations and payments, each with a correlation id of the caller's choice, and receive one acknowledgement per
 * command, once the engine has journaled and applied it, through {@link #pollAcks()}.
 * <pre>{@code
 * try (ClearingClient client = ClearingClient.connect(new ClearingClient.Context()
 *         .aeronDirectoryName(ingress.aeronDirectoryName())      // the media driver the ingress uses
 *         .apiKey("key-of-firm-one")
 *         .ackHandler((correlationId, code, value) -> System.out.println(correlationId + " " + code))))
 * {
 *     client.submitObligation(1, "INV-1", "F1", "F2", 125_00);   // blocks only while back-pressured
 *     while (!client.offerObligation(2, "INV-2", "F2", "F1", 50_00))
 *     {
 *         client.pollAcks();                                     // back-pressured: read acks, then try again
 *     }
 *     client.pollAcks();                                         // acks arrive asynchronously: poll until all came
 * }
 * }</pre>
 * Offers never block: false means back-pressure (the ingress or the engine is behind, or this client has too many
 * unacknowledged commands because it does not poll); keep polling acknowledgements while retrying, or the ingress
 * stops reading this client. Blocking methods poll acknowledgements while they wait. Not thread-safe: one thread
 * sends and polls. Ids are at most 255 UTF-8 bytes.
 */
public final class ClearingClient implements AutoCloseable
{
    /**
     * Correlation id of the hello; commands may use any value.
     */
    public static final long HELLO_CORRELATION_ID = 0;

    private final Context context;
    private final Aeron aeron;
    private final boolean ownsAeron;
    private final ExclusivePublication publication;
    private final Subscription subscription;
    private final IdleStrategy idleStrategy;
    private final AckHandler ackHandler;
    private final UnsafeBuffer sendBuffer;
    private final FragmentAssembler ackAssembler = new FragmentAssembler(this::onAckMessage);
    private String responseChannel;
    private AckCode helloAnswer;
    private boolean closed;

    private ClearingClient(final Context context, final Aeron aeron, final boolean ownsAeron,
        final ExclusivePublication publication, final Subscription subscription)
    {
        this.context = context;
        this.aeron = aeron;
        this.ownsAeron = ownsAeron;
        this.publication = publication;
        this.subscription = subscription;
        this.idleStrategy = context.idleStrategy;
        this.ackHandler = context.ackHandler;
        this.sendBuffer = new UnsafeBuffer(new byte[Math.max(4096, publication.maxPayloadLength())]);
    }

    /**
     * Connects and authenticates: opens the ingress publication and the response subscription, sends the hello and
     * waits for its answer.
     *
     * @throws ClearingClientException when the key is refused or no answer comes within the connect timeout.
     */
    public static ClearingClient connect(final Context context)
    {
        context.conclude();
        final boolean ownsAeron = context.aeron == null;
        final Aeron aeron = ownsAeron ?
            Aeron.connect(new Aeron.Context().aeronDirectoryName(context.aeronDirectoryName)) : context.aeron;
        ExclusivePublication publication = null;
        Subscription subscription = null;
        try
        {
            publication = aeron.addExclusivePublication(context.ingressChannel, context.ingressStreamId);
            final ChannelUri responseUri = ChannelUri.parse(context.responseChannel);
            responseUri.put(CommonContext.SESSION_ID_PARAM_NAME, Integer.toString(publication.sessionId()));
            subscription = aeron.addSubscription(responseUri.toString(), context.responseStreamId);
            final ClearingClient client = new ClearingClient(context, aeron, ownsAeron, publication, subscription);
            client.resolveResponseChannel();
            client.hello();
            return client;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(subscription, publication);
            if (ownsAeron)
            {
                CloseHelper.quietClose(aeron);
            }
            throw ex;
        }
    }

    /**
     * A UDP response endpoint with port 0 is bound to an ephemeral port: the hello must carry the port actually bound.
     */
    private void resolveResponseChannel()
    {
        responseChannel = context.responseChannel;
        if (CommonContext.UDP_MEDIA.equals(ChannelUri.parse(responseChannel).media()))
        {
            final long deadlineNs = System.nanoTime() + context.connectTimeoutNs;
            String resolved;
            while ((resolved = subscription.tryResolveChannelEndpointPort()) == null)
            {
                checkDeadline(deadlineNs, "the response endpoint was not bound");
                idleStrategy.idle();
            }
            responseChannel = resolved;
        }
    }

    private void hello()
    {
        final long deadlineNs = System.nanoTime() + context.connectTimeoutNs;
        while (!publication.isConnected())
        {
            checkDeadline(deadlineNs, "the ingress is not reachable on " + context.ingressChannel + " stream " +
                context.ingressStreamId);
            idleStrategy.idle();
        }
        final int length = IngressMessages.encodeHello(sendBuffer, 0, HELLO_CORRELATION_ID,
            context.responseStreamId, responseChannel, context.apiKey);
        while (publication.offer(sendBuffer, 0, length) < 0)
        {
            checkDeadline(deadlineNs, "the hello could not be sent");
            idleStrategy.idle();
        }
        idleStrategy.reset();
        while (helloAnswer == null)
        {
            checkDeadline(deadlineNs, "no answer to the hello");
            idleStrategy.idle(subscription.poll(ackAssembler, 16));
        }
        if (helloAnswer != AckCode.CONNECTED)
        {
            throw new ClearingClientException("the ingress refused the connection: " + helloAnswer, helloAnswer);
        }
    }

    private void checkDeadline(final long deadlineNs, final String what)
    {
        if (System.nanoTime() - deadlineNs > 0)
        {
            throw new ClearingClientException(what + " within " +
                TimeUnit.NANOSECONDS.toMillis(context.connectTimeoutNs) + " ms", null);
        }
    }

    /**
     * @return this client's session id (the Aeron session of its ingress publication).
     */
    public int sessionId()
    {
        return publication.sessionId();
    }

    /**
     * @return the largest message that goes as one fragment: a good size for an {@link ObligationBatch}.
     */
    public int maxPayloadLength()
    {
        return publication.maxPayloadLength();
    }

    /**
     * @return a new batch of {@link #maxPayloadLength()} bytes.
     */
    public ObligationBatch newBatch()
    {
        return new ObligationBatch(publication.maxPayloadLength());
    }

    /**
     * Sends one obligation without blocking.
     *
     * @param correlationId returned with the acknowledgement.
     * @param amountMinor   amount in minor units, positive.
     * @return true when sent; false when back-pressured (nothing sent: poll acknowledgements and try again).
     * @throws ClearingClientException when the connection is lost.
     * @throws IllegalArgumentException when an id is longer than 255 UTF-8 bytes (nothing sent).
     */
    public boolean offerObligation(
        final long correlationId,
        final CharSequence obligationId,
        final CharSequence debtorId,
        final CharSequence creditorId,
        final long amountMinor)
    {
        final int length = IngressMessages.encodeSubmitObligation(sendBuffer, 0, correlationId, obligationId, debtorId,
            creditorId, amountMinor);
        return offer(sendBuffer, length);
    }

    /**
     * Sends one obligation, waiting (and polling acknowledgements) while back-pressured.
     */
    public void submitObligation(
        final long correlationId,
        final CharSequence obligationId,
        final CharSequence debtorId,
        final CharSequence creditorId,
        final long amountMinor)
    {
        final int length = IngressMessages.encodeSubmitObligation(sendBuffer, 0, correlationId, obligationId, debtorId,
            creditorId, amountMinor);
        send(sendBuffer, length);
    }

    /**
     * Sends a batch without blocking; clears it when sent.
     *
     * @return true when sent (or empty); false when back-pressured (the batch is kept).
     */
    public boolean offerBatch(final ObligationBatch batch)
    {
        if (batch.isEmpty())
        {
            return true;
        }
        if (offer(batch.buffer(), batch.complete()))
        {
            batch.clear();
            return true;
        }
        return false;
    }

    /**
     * Sends a batch, waiting (and polling acknowledgements) while back-pressured; clears it.
     */
    public void submitBatch(final ObligationBatch batch)
    {
        if (!batch.isEmpty())
        {
            send(batch.buffer(), batch.complete());
            batch.clear();
        }
    }

    /**
     * Registers a participant (operator keys only) without blocking.
     *
     * @return true when sent; false when back-pressured.
     */
    public boolean offerRegisterParticipant(
        final long correlationId, final CharSequence participantId, final CharSequence displayName)
    {
        final int length = IngressMessages.encodeRegisterParticipant(sendBuffer, 0, correlationId, participantId,
            displayName);
        return offer(sendBuffer, length);
    }

    /**
     * Registers a participant (operator keys only), waiting while back-pressured.
     */
    public void registerParticipant(
        final long correlationId, final CharSequence participantId, final CharSequence displayName)
    {
        send(sendBuffer, IngressMessages.encodeRegisterParticipant(sendBuffer, 0, correlationId, participantId,
            displayName));
    }

    /**
     * Records a payment against an obligation (operator keys only) without blocking.
     *
     * @return true when sent; false when back-pressured.
     */
    public boolean offerPayment(
        final long correlationId, final CharSequence paymentId, final CharSequence obligationId,
        final long amountMinor)
    {
        return offer(sendBuffer, IngressMessages.encodeRecordPayment(sendBuffer, 0, correlationId, paymentId,
            obligationId, amountMinor));
    }

    /**
     * Records a payment (operator keys only), waiting while back-pressured.
     */
    public void recordPayment(
        final long correlationId, final CharSequence paymentId, final CharSequence obligationId,
        final long amountMinor)
    {
        send(sendBuffer, IngressMessages.encodeRecordPayment(sendBuffer, 0, correlationId, paymentId, obligationId,
            amountMinor));
    }

    /**
     * Delivers waiting acknowledgements to the {@link AckHandler}.
     *
     * @return messages read (an ACK_BATCH message carries many acknowledgements).
     */
    public int pollAcks()
    {
        return subscription.poll(ackAssembler, 64);
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            CloseHelper.closeAll(publication, subscription);
            if (ownsAeron)
            {
                CloseHelper.close(aeron);
            }
        }
    }

    private boolean offer(final DirectBuffer buffer, final int length)
    {
        final long result = publication.offer(buffer, 0, length);
        if (result > 0)
        {
            return true;
        }
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            return false;
        }
        throw new ClearingClientException(result == Publication.NOT_CONNECTED ?
            "the ingress is no longer connected" : "the ingress publication is closed (" + result + ")", null);
    }

    private void send(final DirectBuffer buffer, final int length)
    {
        idleStrategy.reset();
        while (!offer(buffer, length))
        {
            idleStrategy.idle(pollAcks());
        }
    }

    private void onAckMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < MessageHeader.LENGTH)
        {
            return;
        }
        final int templateId = MessageHeader.templateId(buffer, offset);
        if (templateId == MessageHeader.TEMPLATE_ACK_BATCH)
        {
            final int count = AckMessages.batchCount(buffer, offset);
            for (int i = 0; i < count; i++)
            {
                deliver(AckMessages.batchCorrelationId(buffer, offset, i),
                    AckCode.of(AckMessages.batchCode(buffer, offset, i)), AckMessages.batchValue(buffer, offset, i),
                    null);
            }
        }
        else if (templateId == MessageHeader.TEMPLATE_ACK)
        {
            final String reason = AckMessages.ackReason(buffer, offset);
            deliver(AckMessages.ackCorrelationId(buffer, offset), AckCode.of(AckMessages.ackCode(buffer, offset)),
                AckMessages.ackValue(buffer, offset), reason.isEmpty() ? null : reason);
        }
    }

    private void deliver(final long correlationId, final AckCode code, final long value, final String reason)
    {
        if (helloAnswer == null)
        {
            if (correlationId == HELLO_CORRELATION_ID &&
                (code == AckCode.CONNECTED || code == AckCode.AUTHENTICATION_FAILED))
            {
                helloAnswer = code;
            }
            return;
        }
        if (reason != null)
        {
            ackHandler.onRefused(correlationId, code, reason);
        }
        else
        {
            ackHandler.onAck(correlationId, code, value);
        }
    }

    /**
     * Settings of a {@link ClearingClient}; fluent, with defaults matching the ingress's. Not thread-safe.
     */
    public static final class Context
    {
        public static final String DEFAULT_INGRESS_CHANNEL = "aeron:ipc";
        public static final int DEFAULT_INGRESS_STREAM_ID = 1001;
        public static final String DEFAULT_RESPONSE_CHANNEL = "aeron:ipc";
        public static final int DEFAULT_RESPONSE_STREAM_ID = 1002;

        private Aeron aeron;
        private String aeronDirectoryName = CommonContext.getAeronDirectoryName();
        private String ingressChannel = DEFAULT_INGRESS_CHANNEL;
        private int ingressStreamId = DEFAULT_INGRESS_STREAM_ID;
        private String responseChannel = DEFAULT_RESPONSE_CHANNEL;
        private int responseStreamId = DEFAULT_RESPONSE_STREAM_ID;
        private String apiKey;
        private AckHandler ackHandler;
        private long connectTimeoutNs = TimeUnit.SECONDS.toNanos(10);
        private IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);

        void conclude()
        {
            require(apiKey != null && !apiKey.isEmpty(), "apiKey must be set");
            Objects.requireNonNull(ackHandler, "ClearingClient.Context.ackHandler must be set");
            require(ingressChannel != null, "ingressChannel must be set");
            require(responseChannel != null, "responseChannel must be set");
            require(connectTimeoutNs > 0, "connectTimeoutNs must be > 0: " + connectTimeoutNs);
            require(idleStrategy != null, "idleStrategy must be set");
        }

        private static void require(final boolean condition, final String message)
        {
            if (!condition)
            {
                throw new IllegalArgumentException("ClearingClient.Context." + message);
            }
        }

        /**
         * An Aeron client to share (not closed by the {@link ClearingClient}); default: the client connects its own
         * to {@link #aeronDirectoryName(String)}.
         */
        public Context aeron(final Aeron aeron)
        {
            this.aeron = aeron;
            return this;
        }

        /**
         * Directory of the media driver to use when no {@link #aeron(Aeron)} is given; default Aeron's default.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /**
         * Where the ingress listens; default {@value #DEFAULT_INGRESS_CHANNEL} stream
         * {@value #DEFAULT_INGRESS_STREAM_ID}. For UDP: {@code aeron:udp?endpoint=server:port}. A larger MTU
         * ({@code aeron:ipc?mtu=8192}) lets a batch carry more obligations in one fragment.
         */
        public Context ingressChannel(final String ingressChannel, final int ingressStreamId)
        {
            this.ingressChannel = ingressChannel;
            this.ingressStreamId = ingressStreamId;
            return this;
        }

        /**
         * Where acknowledgements come back; default {@value #DEFAULT_RESPONSE_CHANNEL} stream
         * {@value #DEFAULT_RESPONSE_STREAM_ID}. For UDP, an endpoint of this host that the server can reach; port 0
         * binds an ephemeral port. The client filters by its own session id, so clients may share a stream.
         */
        public Context responseChannel(final String responseChannel, final int responseStreamId)
        {
            this.responseChannel = responseChannel;
            this.responseStreamId = responseStreamId;
            return this;
        }

        /**
         * The API key this system authenticates with (required).
         */
        public Context apiKey(final String apiKey)
        {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Receives every acknowledgement (required); called on the thread that polls.
         */
        public Context ackHandler(final AckHandler ackHandler)
        {
            this.ackHandler = ackHandler;
            return this;
        }

        /**
         * How long {@link ClearingClient#connect} waits for the ingress and the hello's answer; default 10 s.
         */
        public Context connectTimeoutNs(final long connectTimeoutNs)
        {
            this.connectTimeoutNs = connectTimeoutNs;
            return this;
        }

        /**
         * How the blocking methods wait; default a back-off from spinning to 1 ms parks.
         */
        public Context idleStrategy(final IdleStrategy idleStrategy)
        {
            this.idleStrategy = idleStrategy;
            return this;
        }
    }
}
