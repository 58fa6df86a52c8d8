package io.clearing.server.ingress;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.aeron.logbuffer.Header;
import io.clearing.client.AckCode;
import io.clearing.client.codec.AckMessages;
import io.clearing.client.codec.FieldCursor;
import io.clearing.client.codec.IngressMessages;
import io.clearing.client.codec.MessageHeader;
import io.clearing.client.codec.Wire;
import io.clearing.core.engine.ClearingEngine;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The ingress duty cycle, on one thread: take engine results from the {@link CompletionTable} into each session's
 * acknowledgement queue, offer queued acknowledgements, read each client image as far as its session and the
 * engine have room, and retire sessions whose image has gone. Commands go to the engine through its non-blocking
 * submit path; when the engine's ring or a session's bound is full the fragment is left in the image
 * ({@link Action#ABORT}) and read again later, so nothing is lost and the client is back-pressured by Aeron.
 */
final class IngressAgent implements Agent
{
    private static final int FRAGMENT_LIMIT = 16;
    private static final int HOUSEKEEPING_INTERVAL = 256;

    private enum Outcome
    {
        SUBMITTED, REFUSED, ENGINE_FULL
    }

    private final ClearingEngine engine;
    private final Aeron aeron;
    private final Subscription subscription;
    private final IngressAuthenticator authenticator;
    private final ErrorHandler errorHandler;
    private final IngressCounters counters;
    private final CompletionTable completions;
    private final int maxPendingAcks;
    private final int maxMessageBytes;
    private final int maxEntries;

    private final Int2ObjectHashMap<ClientSession> sessionsByImageSessionId = new Int2ObjectHashMap<>();
    private final ArrayList<ClientSession> sessions = new ArrayList<>();
    private ClientSession[] sessionsBySlot = new ClientSession[16];
    private final UnsafeBuffer sendBuffer = new UnsafeBuffer(new byte[64 * 1024 + AckMessages.ACK_FIXED_BYTES +
        AckMessages.MAX_REASON_BYTES]);
    private final FieldCursor cursor = new FieldCursor();
    private final ByteIdView firstId = new ByteIdView();
    private final ByteIdView secondId = new ByteIdView();
    private final ByteIdView thirdId = new ByteIdView();
    private final Consumer<Image> imagePoller = this::pollImage;
    private final ControlledFragmentHandler messageHandler = this::onFragment;

    private long submittedSequence;
    private long drainedSequence;
    private ClientSession current;
    private int pollWork;
    private int dutyCycles;

    // The obligation entry last decoded by decodeEntry.
    private long entryCorrelationId;
    private long entryAmountMinor;
    private int entryIdOffset;
    private int entryIdLength;
    private int entryDebtorOffset;
    private int entryDebtorLength;
    private int entryCreditorOffset;
    private int entryCreditorLength;

    IngressAgent(
        final ClearingEngine engine,
        final Aeron aeron,
        final Subscription subscription,
        final IngressAuthenticator authenticator,
        final IngressConfiguration configuration,
        final ErrorHandler errorHandler,
        final IngressCounters counters)
    {
        this.engine = engine;
        this.aeron = aeron;
        this.subscription = subscription;
        this.authenticator = authenticator;
        this.errorHandler = errorHandler;
        this.counters = counters;
        this.completions = new CompletionTable(configuration.maxInFlight());
        this.maxPendingAcks = configuration.maxPendingAcksPerSession();
        this.maxMessageBytes = configuration.maxMessageBytes();
        this.maxEntries = maxMessageBytes / IngressConfiguration.MIN_ENTRY_BYTES + 1;
    }

    @Override
    public String roleName()
    {
        return "clearing-ingress";
    }

    @Override
    public int doWork()
    {
        int work = drainCompletions();
        work += flushAcks();
        pollWork = 0;
        subscription.forEachImage(imagePoller);
        work += pollWork;
        if (++dutyCycles >= HOUSEKEEPING_INTERVAL)
        {
            dutyCycles = 0;
            work += retireClosedSessions();
        }
        return work;
    }

    @Override
    public void onClose()
    {
        for (int i = 0; i < sessions.size(); i++)
        {
            sessions.get(i).close();
        }
        sessions.clear();
        sessionsByImageSessionId.clear();
    }

    private int drainCompletions()
    {
        int drained = 0;
        while (drainedSequence < submittedSequence && completions.isComplete(drainedSequence + 1))
        {
            final long sequence = ++drainedSequence;
            final ClientSession session = sessionsBySlot[completions.sessionSlot(sequence)];
            session.inFlight--;
            session.queueAck(completions.clientCorrelationId(sequence), completions.code(sequence),
                completions.value(sequence), null);
            drained++;
        }
        return drained;
    }

    private int flushAcks()
    {
        int sent = 0;
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final ClientSession session = sessions.get(i);
            if (session.hasQueuedAcks())
            {
                final int result = session.flush(sendBuffer);
                if (result < 0)
                {
                    IngressCounters.add(counters.acksDiscarded, session.discardQueue());
                }
                else
                {
                    sent += result;
                    if (session.hasQueuedAcks())
                    {
                        IngressCounters.increment(counters.responseBackPressure);
                    }
                }
            }
        }
        if (sent > 0)
        {
            IngressCounters.add(counters.acksSent, sent);
        }
        return sent;
    }

    private void pollImage(final Image image)
    {
        ClientSession session = sessionsByImageSessionId.get(image.sessionId());
        if (session == null || session.image != image)
        {
            session = openSession(image);
        }
        if (session.room() > 0 && submittedSequence - drainedSequence < completions.capacity())
        {
            current = session;
            pollWork += image.controlledPoll(session.assembler, FRAGMENT_LIMIT);
        }
    }

    private ClientSession openSession(final Image image)
    {
        int slot = 0;
        while (slot < sessionsBySlot.length && sessionsBySlot[slot] != null)
        {
            slot++;
        }
        if (slot == sessionsBySlot.length)
        {
            sessionsBySlot = Arrays.copyOf(sessionsBySlot, sessionsBySlot.length * 2);
        }
        final ClientSession session = new ClientSession(slot, image, maxPendingAcks, messageHandler, maxMessageBytes);
        sessionsBySlot[slot] = session;
        sessions.add(session);
        sessionsByImageSessionId.put(image.sessionId(), session);
        IngressCounters.increment(counters.sessionsOpened);
        return session;
    }

    private int retireClosedSessions()
    {
        int retired = 0;
        for (int i = sessions.size() - 1; i >= 0; i--)
        {
            final ClientSession session = sessions.get(i);
            if (session.image.isClosed() && session.inFlight == 0)
            {
                final int sent = session.flush(sendBuffer);
                if (sent > 0)
                {
                    IngressCounters.add(counters.acksSent, sent);
                }
                IngressCounters.add(counters.acksDiscarded, session.discardQueue());
                session.close();
                sessions.remove(i);
                sessionsBySlot[session.slot] = null;
                if (sessionsByImageSessionId.get(session.sessionId()) == session)
                {
                    sessionsByImageSessionId.remove(session.sessionId());
                }
                IngressCounters.increment(counters.sessionsClosed);
                retired++;
            }
        }
        return retired;
    }

    private Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final Action action = onMessage(current, buffer, offset, length);
        if (action != Action.ABORT)
        {
            IngressCounters.increment(counters.messagesReceived);
        }
        return action;
    }

    private Action onMessage(final ClientSession session, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final int templateId = length >= MessageHeader.LENGTH ? MessageHeader.templateId(buffer, offset) : 0;
        if (session.state == ClientSession.State.AWAITING_HELLO)
        {
            if (templateId == MessageHeader.TEMPLATE_HELLO)
            {
                final String helloHeaderError = headerError(buffer, offset, length);
                return helloHeaderError == null ? onHello(session, buffer, offset, length) :
                    dropHello(session, "hello refused: " + helloHeaderError);
            }
            IngressCounters.increment(counters.droppedBeforeHello);
            return Action.CONTINUE;
        }
        final String headerError = headerError(buffer, offset, length);
        if (headerError != null)
        {
            return refuseMessage(session, templateId, buffer, offset, length, AckCode.MALFORMED, headerError);
        }
        if (session.state == ClientSession.State.REJECTED)
        {
            return refuseMessage(session, templateId, buffer, offset, length, AckCode.NOT_AUTHENTICATED,
                "the session's hello was refused: nothing is accepted from it");
        }
        switch (templateId)
        {
            case MessageHeader.TEMPLATE_SUBMIT_BATCH:
                return onSubmitBatch(session, buffer, offset, length);
            case MessageHeader.TEMPLATE_SUBMIT_OBLIGATION:
                return onSubmitObligation(session, buffer, offset, length);
            case MessageHeader.TEMPLATE_REGISTER_PARTICIPANT:
                return onRegisterParticipant(session, buffer, offset, length);
            case MessageHeader.TEMPLATE_RECORD_PAYMENT:
                return onRecordPayment(session, buffer, offset, length);
            case MessageHeader.TEMPLATE_HELLO:
                return refuseMessage(session, templateId, buffer, offset, length, AckCode.MALFORMED,
                    "hello on a session that is already authenticated");
            default:
                return refuseMessage(session, templateId, buffer, offset, length, AckCode.MALFORMED,
                    "unknown template id " + templateId);
        }
    }

    /**
     * @return what is wrong with the message header, or null.
     */
    private String headerError(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeader.LENGTH)
        {
            return "message of " + length + " bytes is shorter than its " + MessageHeader.LENGTH + "-byte header";
        }
        final int declared = MessageHeader.length(buffer, offset);
        if (declared != length)
        {
            return "header length field says " + declared + " bytes but the message has " + length;
        }
        if (length > maxMessageBytes)
        {
            return "message of " + length + " bytes exceeds the limit of " + maxMessageBytes;
        }
        final int version = MessageHeader.version(buffer, offset);
        if (version != MessageHeader.VERSION)
        {
            return "message version " + version + " is not supported; this ingress speaks version " +
                MessageHeader.VERSION;
        }
        return null;
    }

    private Action onHello(final ClientSession session, final DirectBuffer buffer, final int offset, final int length)
    {
        cursor.wrap(buffer, offset + MessageHeader.LENGTH, offset + length);
        final long correlationId = cursor.readLong("correlationId");
        final int responseStreamId = cursor.readInt("responseStreamId");
        cursor.readString(Wire.MAX_CHANNEL_BYTES, "responseChannel");
        final String channel = cursor.ok() ?
            buffer.getStringWithoutLengthAscii(cursor.stringOffset(), cursor.stringLength()) : null;
        cursor.readString(Wire.MAX_ID_BYTES, "apiKey");
        final String key = cursor.ok() ?
            buffer.getStringWithoutLengthUtf8(cursor.stringOffset(), cursor.stringLength()) : null;
        cursor.requireEnd("apiKey");
        if (!cursor.ok())
        {
            return dropHello(session, "malformed hello: " + cursor.error());
        }
        final ExclusivePublication publication;
        try
        {
            final ChannelUri uri = ChannelUri.parse(channel);
            if (!CommonContext.IPC_MEDIA.equals(uri.media()) && !CommonContext.UDP_MEDIA.equals(uri.media()))
            {
                return dropHello(session, "response channel must be aeron:ipc or aeron:udp: " + channel);
            }
            if (CommonContext.UDP_MEDIA.equals(uri.media()))
            {
                final String refusal = foreignResponseEndpoint(uri, session.image.sourceIdentity());
                if (refusal != null)
                {
                    return dropHello(session, refusal);
                }
            }
            uri.put(CommonContext.SESSION_ID_PARAM_NAME, Integer.toString(session.sessionId()));
            publication = aeron.addExclusivePublication(uri.toString(), responseStreamId);
        }
        catch (final RuntimeException ex)
        {
            return dropHello(session, "cannot open response channel " + channel + " stream " + responseStreamId +
                ": " + ex.getMessage());
        }
        session.responsePublication = publication;
        Optional<IngressPrincipal> principal;
        try
        {
            principal = authenticator.authenticate(key);
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            principal = Optional.empty();
        }
        if (principal.isPresent())
        {
            session.authenticated(principal.get());
            session.queueAck(correlationId, AckCode.CONNECTED.value(), 0, null);
        }
        else
        {
            session.state = ClientSession.State.REJECTED;
            session.queueAck(correlationId, AckCode.AUTHENTICATION_FAILED.value(), 0, "unknown API key");
            IngressCounters.increment(counters.refusals);
        }
        return Action.CONTINUE;
    }

    /**
     * A UDP client may only ask for its acknowledgements at its own address: otherwise any hello, before its key is
     * checked, could point the ingress's traffic at a third party.
     *
     * @return why the response endpoint is refused, or null when it is the sender's host.
     */
    static String foreignResponseEndpoint(final ChannelUri uri, final String sourceIdentity)
    {
        final String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
        if (endpoint == null)
        {
            return "UDP response channel needs an endpoint: " + uri;
        }
        final String host = hostOf(endpoint);
        try
        {
            if (!InetAddress.getByName(host).equals(InetAddress.getByName(hostOf(sourceIdentity))))
            {
                return "response endpoint " + endpoint + " is not on the sender's host " + sourceIdentity;
            }
        }
        catch (final UnknownHostException ex)
        {
            return "response endpoint host is unknown: " + host;
        }
        return null;
    }

    private static String hostOf(final String address)
    {
        final String withoutSlash = address.startsWith("/") ? address.substring(1) : address;
        final int colon = withoutSlash.lastIndexOf(':');
        final String host = colon > 0 ? withoutSlash.substring(0, colon) : withoutSlash;
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private Action dropHello(final ClientSession session, final String reason)
    {
        IngressCounters.increment(counters.droppedBeforeHello);
        if (!session.helloErrorReported)
        {
            session.helloErrorReported = true;
            errorHandler.onError(new IllegalArgumentException("ingress session " + session.sessionId() + ": " +
                reason + " (its messages are dropped until a valid hello)"));
        }
        return Action.CONTINUE;
    }

    private Action onSubmitObligation(final ClientSession session, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (!hasRoom(session))
        {
            return Action.ABORT;
        }
        cursor.wrap(buffer, offset + MessageHeader.LENGTH, offset + length);
        if (!decodeEntry() || !cursor.requireEnd("creditorId") && !cursor.tooLong())
        {
            return refuseMessage(session, MessageHeader.TEMPLATE_SUBMIT_OBLIGATION, buffer, offset, length,
                AckCode.MALFORMED, cursor.error());
        }
        return submitEntry(session, buffer) == Outcome.ENGINE_FULL ? Action.ABORT : Action.CONTINUE;
    }

    private Action onSubmitBatch(final ClientSession session, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final int end = offset + length;
        cursor.wrap(buffer, offset + MessageHeader.LENGTH, end);
        final int count = cursor.readInt("count");
        if (!cursor.ok() || count < 0 || count > maxEntries)
        {
            return refuseMessage(session, MessageHeader.TEMPLATE_SUBMIT_BATCH, buffer, offset, length,
                AckCode.MALFORMED, cursor.ok() ? "batch count " + count + " is out of range" : cursor.error());
        }
        for (int i = 0; i < count; i++)
        {
            if (!decodeEntry())
            {
                return refuseMessage(session, MessageHeader.TEMPLATE_SUBMIT_BATCH, buffer, offset, length,
                    AckCode.MALFORMED, "batch entry " + i + " of " + count + ": " + cursor.error());
            }
        }
        if (cursor.position() != end)
        {
            return refuseMessage(session, MessageHeader.TEMPLATE_SUBMIT_BATCH, buffer, offset, length,
                AckCode.MALFORMED, (end - cursor.position()) + " unexpected bytes after the last of " + count +
                " batch entries");
        }
        cursor.wrap(buffer, offset + IngressMessages.BATCH_ENTRIES_OFFSET, end);
        for (int i = 0; i < count; i++)
        {
            decodeEntry();
            if (i < session.batchResumeIndex)
            {
                continue;
            }
            if (!hasRoom(session) || submitEntry(session, buffer) == Outcome.ENGINE_FULL)
            {
                session.batchResumeIndex = i;
                return Action.ABORT;
            }
        }
        session.batchResumeIndex = 0;
        return Action.CONTINUE;
    }

    private boolean hasRoom(final ClientSession session)
    {
        return session.room() > 0 && submittedSequence - drainedSequence < completions.capacity();
    }

    /**
     * Reads one obligation entry at the cursor into the entry fields.
     *
     * @return false when its layout is broken (a too-long id is not: the entry is then refused on its own).
     */
    private boolean decodeEntry()
    {
        entryCorrelationId = cursor.readLong("correlationId");
        entryAmountMinor = cursor.readLong("amountMinor");
        cursor.readString(Wire.MAX_ID_BYTES, "obligationId");
        entryIdOffset = cursor.stringOffset();
        entryIdLength = cursor.stringLength();
        cursor.readString(Wire.MAX_ID_BYTES, "debtorId");
        entryDebtorOffset = cursor.stringOffset();
        entryDebtorLength = cursor.stringLength();
        cursor.readString(Wire.MAX_ID_BYTES, "creditorId");
        entryCreditorOffset = cursor.stringOffset();
        entryCreditorLength = cursor.stringLength();
        return cursor.ok() || cursor.tooLong();
    }

    private Outcome submitEntry(final ClientSession session, final DirectBuffer buffer)
    {
        if (cursor.tooLong() && entryTooLong())
        {
            return refuse(session, entryCorrelationId, AckCode.TOO_LONG, tooLongReason());
        }
        final IngressRole role = session.principal.role();
        if (role == IngressRole.AUDITOR)
        {
            return refuse(session, entryCorrelationId, AckCode.FORBIDDEN, "an auditor key may not submit obligations");
        }
        final CharSequence obligationId = firstId.wrap(buffer, entryIdOffset, entryIdLength);
        final CharSequence debtorId = secondId.wrap(buffer, entryDebtorOffset, entryDebtorLength);
        final CharSequence creditorId = thirdId.wrap(buffer, entryCreditorOffset, entryCreditorLength);
        if (obligationId == null || debtorId == null || creditorId == null)
        {
            return refuse(session, entryCorrelationId, AckCode.MALFORMED,
                (obligationId == null ? "obligationId" : debtorId == null ? "debtorId" : "creditorId") +
                " is not valid UTF-8");
        }
        if (role == IngressRole.PARTICIPANT &&
            !secondId.bytesEqual(session.participantIdUtf8) && !thirdId.bytesEqual(session.participantIdUtf8))
        {
            return refuse(session, entryCorrelationId, AckCode.FORBIDDEN, session.scopeRefusal);
        }
        final long sequence = submittedSequence + 1;
        completions.prepare(sequence, session.slot, entryCorrelationId);
        // The views checked bounds and UTF-8 (for their refusal messages); the engine copies the bytes as they are.
        if (!engine.trySubmitObligation(buffer, entryIdOffset, entryIdLength, entryDebtorOffset, entryDebtorLength,
            entryCreditorOffset, entryCreditorLength, entryAmountMinor, sequence, completions))
        {
            IngressCounters.increment(counters.engineBackPressure);
            return Outcome.ENGINE_FULL;
        }
        return submitted(session, sequence);
    }

    private boolean entryTooLong()
    {
        return entryIdLength > Wire.MAX_ID_BYTES || entryDebtorLength > Wire.MAX_ID_BYTES ||
            entryCreditorLength > Wire.MAX_ID_BYTES;
    }

    private String tooLongReason()
    {
        final String field = entryIdLength > Wire.MAX_ID_BYTES ? "obligationId" :
            entryDebtorLength > Wire.MAX_ID_BYTES ? "debtorId" : "creditorId";
        final int length = entryIdLength > Wire.MAX_ID_BYTES ? entryIdLength :
            entryDebtorLength > Wire.MAX_ID_BYTES ? entryDebtorLength : entryCreditorLength;
        return field + " is longer than " + Wire.MAX_ID_BYTES + " bytes: " + length;
    }

    private Action onRegisterParticipant(final ClientSession session, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (!hasRoom(session))
        {
            return Action.ABORT;
        }
        cursor.wrap(buffer, offset + MessageHeader.LENGTH, offset + length);
        final long correlationId = cursor.readLong("correlationId");
        cursor.readString(Wire.MAX_ID_BYTES, "participantId");
        final int idOffset = cursor.stringOffset();
        final int idLength = cursor.stringLength();
        cursor.readString(Wire.MAX_ID_BYTES, "displayName");
        final int nameOffset = cursor.stringOffset();
        final int nameLength = cursor.stringLength();
        final String error = checkEnd("displayName");
        if (error != null)
        {
            refuse(session, correlationId, cursor.tooLong() ? AckCode.TOO_LONG : AckCode.MALFORMED, error);
            return Action.CONTINUE;
        }
        if (session.principal.role() != IngressRole.OPERATOR)
        {
            refuse(session, correlationId, AckCode.FORBIDDEN, "only an operator key may register participants");
            return Action.CONTINUE;
        }
        final CharSequence participantId = firstId.wrap(buffer, idOffset, idLength);
        final CharSequence displayName = secondId.wrap(buffer, nameOffset, nameLength);
        if (participantId == null || displayName == null)
        {
            refuse(session, correlationId, AckCode.MALFORMED,
                (participantId == null ? "participantId" : "displayName") + " is not valid UTF-8");
            return Action.CONTINUE;
        }
        final long sequence = submittedSequence + 1;
        completions.prepare(sequence, session.slot, correlationId);
        if (!engine.tryRegisterParticipant(participantId, displayName, sequence, completions))
        {
            IngressCounters.increment(counters.engineBackPressure);
            return Action.ABORT;
        }
        submitted(session, sequence);
        return Action.CONTINUE;
    }

    private Action onRecordPayment(final ClientSession session, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (!hasRoom(session))
        {
            return Action.ABORT;
        }
        cursor.wrap(buffer, offset + MessageHeader.LENGTH, offset + length);
        final long correlationId = cursor.readLong("correlationId");
        final long amountMinor = cursor.readLong("amountMinor");
        cursor.readString(Wire.MAX_ID_BYTES, "paymentId");
        final int paymentOffset = cursor.stringOffset();
        final int paymentLength = cursor.stringLength();
        cursor.readString(Wire.MAX_ID_BYTES, "obligationId");
        final int obligationOffset = cursor.stringOffset();
        final int obligationLength = cursor.stringLength();
        final String error = checkEnd("obligationId");
        if (error != null)
        {
            refuse(session, correlationId, cursor.tooLong() ? AckCode.TOO_LONG : AckCode.MALFORMED, error);
            return Action.CONTINUE;
        }
        if (session.principal.role() != IngressRole.OPERATOR)
        {
            refuse(session, correlationId, AckCode.FORBIDDEN, "only an operator key may record payments");
            return Action.CONTINUE;
        }
        final CharSequence paymentId = firstId.wrap(buffer, paymentOffset, paymentLength);
        final CharSequence obligationId = secondId.wrap(buffer, obligationOffset, obligationLength);
        if (paymentId == null || obligationId == null)
        {
            refuse(session, correlationId, AckCode.MALFORMED,
                (paymentId == null ? "paymentId" : "obligationId") + " is not valid UTF-8");
            return Action.CONTINUE;
        }
        final long sequence = submittedSequence + 1;
        completions.prepare(sequence, session.slot, correlationId);
        if (!engine.tryRecordPayment(paymentId, obligationId, amountMinor, sequence, completions))
        {
            IngressCounters.increment(counters.engineBackPressure);
            return Action.ABORT;
        }
        submitted(session, sequence);
        return Action.CONTINUE;
    }

    /**
     * @return the cursor's error (a too-long string included), or one for bytes after {@code lastField}, or null.
     */
    private String checkEnd(final String lastField)
    {
        if (cursor.ok())
        {
            cursor.requireEnd(lastField);
        }
        return cursor.error();
    }

    private Outcome submitted(final ClientSession session, final long sequence)
    {
        submittedSequence = sequence;
        session.inFlight++;
        IngressCounters.increment(counters.commandsSubmitted);
        return Outcome.SUBMITTED;
    }

    private Outcome refuse(final ClientSession session, final long correlationId, final AckCode code,
        final String reason)
    {
        session.queueAck(correlationId, code.value(), 0, reason);
        IngressCounters.increment(counters.refusals);
        return Outcome.REFUSED;
    }

    /**
     * Refuses a whole message: one acknowledgement for every correlation id that can be read from it (every
     * readable entry of a batch, else the correlation id after the header, else 0), all with the same reason.
     */
    private Action refuseMessage(final ClientSession session, final int templateId, final DirectBuffer buffer,
        final int offset, final int length, final AckCode code, final String reason)
    {
        final int end = offset + length;
        if (templateId == MessageHeader.TEMPLATE_SUBMIT_BATCH && length >= IngressMessages.BATCH_ENTRIES_OFFSET)
        {
            final int readable = readableBatchEntries(buffer, offset, end);
            if (readable > 0)
            {
                if (session.room() < readable)
                {
                    return Action.ABORT;
                }
                int at = offset + IngressMessages.BATCH_ENTRIES_OFFSET;
                for (int i = 0; i < readable; i++)
                {
                    refuse(session, buffer.getLong(at, Wire.ORDER), code, reason);
                    at = skipEntry(buffer, at, end);
                }
                session.batchResumeIndex = 0;
                return Action.CONTINUE;
            }
        }
        if (session.room() < 1)
        {
            return Action.ABORT;
        }
        final boolean hasCorrelationId = length >= MessageHeader.LENGTH + 8 && (
            templateId == MessageHeader.TEMPLATE_HELLO || templateId == MessageHeader.TEMPLATE_SUBMIT_OBLIGATION ||
            templateId == MessageHeader.TEMPLATE_REGISTER_PARTICIPANT ||
            templateId == MessageHeader.TEMPLATE_RECORD_PAYMENT);
        refuse(session, hasCorrelationId ? buffer.getLong(offset + MessageHeader.LENGTH, Wire.ORDER) : 0, code,
            reason);
        return Action.CONTINUE;
    }

    private int readableBatchEntries(final DirectBuffer buffer, final int offset, final int end)
    {
        int readable = 0;
        int at = offset + IngressMessages.BATCH_ENTRIES_OFFSET;
        while (at >= 0 && end - at >= 8 && readable < maxEntries)
        {
            readable++;
            at = skipEntry(buffer, at, end);
        }
        return readable;
    }

    /**
     * @return the offset after the entry at {@code at}, or -1 when it does not fit.
     */
    private static int skipEntry(final DirectBuffer buffer, final int at, final int end)
    {
        int position = at + 16;
        for (int i = 0; i < 3; i++)
        {
            if (end - position < 2)
            {
                return -1;
            }
            position += 2 + Wire.stringLength(buffer, position);
        }
        return position <= end ? position : -1;
    }
}
