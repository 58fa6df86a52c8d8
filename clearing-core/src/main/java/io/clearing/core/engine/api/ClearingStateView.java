package io.clearing.core.engine.api;

import java.util.List;

/**
 * Read-only queries on the engine state. Not thread-safe: call only on the thread that applies commands (the
 * engine runs queries there for you, see {@code ClearingEngine.query}), or on a stopped engine. Methods returning
 * records and lists allocate; they are for queries, not for the command path.
 */
public interface ClearingStateView
{
    /**
     * @return the participant's position, or null when no participant has that id.
     */
    ParticipantPosition participant(String participantId);

    /**
     * @return open obligations the participant owes or is owed, in submission order; empty when unknown.
     */
    List<ObligationState> openObligations(String participantId);

    /**
     * @return the obligation, or null when no obligation has that id.
     */
    ObligationState obligation(String obligationId);

    EngineTotals totals();

    /**
     * @return the last batch clearing run, with run id 0 when none has happened.
     */
    ClearingRunSummary lastClearingRun();

    /**
     * @return one notice per open obligation considered by the last batch run, in submission order.
     */
    List<SetOffNotice> lastSetOffNotices();

    ContinuousPolicy continuousPolicy();

    /**
     * @return queries on units, accounts, standing rules and a pending clearing proposal.
     */
    PolicyStateView policies();

    /**
     * A 64-bit digest of the whole state in a fixed order (participants, obligations, payments, totals, last
     * run, policy). Equal states give equal hashes on any JVM; used to prove that recovery reproduced the state.
     * O(state size).
     */
    long stateHash();
}
