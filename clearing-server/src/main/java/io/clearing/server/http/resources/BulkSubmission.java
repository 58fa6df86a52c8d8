package io.clearing.server.http.resources;

import io.clearing.core.engine.ClearingEngine;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.ResultListener;
import io.clearing.server.http.EngineGateway;
import io.clearing.server.http.ParticipantDirectory;
import io.clearing.server.http.ResultCodes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One bulk upload: publishes each valid obligation with the allocation-free listener API (correlation id = line
 * or item number), records refusals found before the engine and by it, and waits once at the end until every
 * command is journaled and applied. Nothing is reported accepted before it is durable.
 * <p>
 * Threading: {@link #refuse} and {@link #submit} on the request thread; {@link #onResult} on the engine's logic
 * thread; {@link #finish} on the request thread reads what the logic thread wrote after a query barrier (the
 * query's future gives the happens-before edge).
 */
final class BulkSubmission implements ResultListener
{
    private final EngineGateway gateway;
    private final ClearingEngine engine;
    private final ParticipantDirectory directory;
    private final int maxRejects;
    private final String unit;
    private final boolean registerUnknown;
    private final Set<String> registeredHere = new HashSet<>();

    private long received;
    private final List<BulkReport.Reject> edgeRejects = new ArrayList<>();
    private long edgeRejected;

    // written on the logic thread only
    private long accepted;
    private long duplicates;
    private long engineRejected;
    private final List<BulkReport.Reject> engineRejects = new ArrayList<>();

    /**
     * @param unit            "line" or "item", for messages.
     * @param registerUnknown register participants on first sight (operators only), display name = id.
     */
    BulkSubmission(final EngineGateway gateway, final ParticipantDirectory directory, final int maxRejects,
        final String unit, final boolean registerUnknown)
    {
        this.gateway = gateway;
        this.engine = gateway.engine();
        this.directory = directory;
        this.maxRejects = maxRejects;
        this.unit = unit;
        this.registerUnknown = registerUnknown;
    }

    /**
     * Counts one obligation read from the input.
     */
    void received()
    {
        received++;
    }

    /**
     * Refuses one obligation before it reaches the engine.
     */
    void refuse(final long line, final String code, final String reason)
    {
        edgeRejected++;
        if (edgeRejects.size() < maxRejects)
        {
            edgeRejects.add(new BulkReport.Reject(line, code, unit + " " + line + ": " + reason));
        }
    }

    /**
     * Submits one obligation whose fields were checked; refuses it when a participant is unknown (unless
     * registering on first sight).
     */
    void submit(final long line, final String id, final String debtor, final String creditor, final long amount)
    {
        if (!known(line, "debtor", debtor) || !known(line, "creditor", creditor))
        {
            return;
        }
        engine.submitObligation(id, debtor, creditor, amount, line, this);
    }

    private boolean known(final long line, final String field, final String participant)
    {
        if (registeredHere.contains(participant) || directory.isRegistered(participant))
        {
            return true;
        }
        if (registerUnknown)
        {
            // published before the obligation into the same ring: applied first
            engine.registerParticipant(participant, participant, -line, this);
            registeredHere.add(participant);
            return true;
        }
        refuse(line, ResultCodes.errorCode(ResultCode.UNKNOWN_PARTICIPANT), field + " " + participant +
            " is not registered");
        return false;
    }

    @Override
    public void onResult(final long correlationId, final ResultCode code, final long value)
    {
        if (correlationId < 0)
        {
            // a registration on first sight: ids were checked; were it refused, its obligation is refused too
            return;
        }
        gateway.metrics().count(code);
        if (code == ResultCode.ACCEPTED)
        {
            accepted++;
        }
        else if (code == ResultCode.DUPLICATE)
        {
            duplicates++;
        }
        else
        {
            engineRejected(correlationId, code, code.reason());
        }
    }

    private void engineRejected(final long line, final ResultCode code, final String reason)
    {
        engineRejected++;
        if (engineRejects.size() < maxRejects)
        {
            engineRejects.add(new BulkReport.Reject(line, ResultCodes.errorCode(code), unit + " " + line + ": " +
                reason));
        }
    }

    /**
     * Waits until every submitted command was journaled and applied, then reports.
     */
    BulkReport finish()
    {
        gateway.await(engine.query(view -> Boolean.TRUE));
        for (final String participant : registeredHere)
        {
            directory.registered(participant);
        }
        gateway.metrics().obligationsAccepted().mark(accepted);
        final List<BulkReport.Reject> all = new ArrayList<>(edgeRejects);
        all.addAll(engineRejects);
        all.sort(Comparator.comparingLong(BulkReport.Reject::line));
        final long rejected = edgeRejected + engineRejected;
        final List<BulkReport.Reject> listed = all.size() > maxRejects ? all.subList(0, maxRejects) : all;
        return new BulkReport(received, accepted, duplicates, rejected, List.copyOf(listed),
            listed.size() == rejected);
    }
}
