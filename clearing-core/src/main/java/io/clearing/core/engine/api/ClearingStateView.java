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
     * A page of participants in registration order.
     *
     * @param fromIndex participants to skip, >= 0.
     * @param limit     most to return, >= 0.
     */
    List<ParticipantPosition> participants(int fromIndex, int limit);

    /**
     * A page of obligations in submission order, filtered. O(obligations): for queries, not the command path.
     *
     * @param participantId only those it owes or is owed; null for every participant (empty when unknown).
     * @param status        which obligations by what is left of them.
     * @param fromIndex     matching obligations to skip, >= 0.
     * @param limit         most to return, >= 0.
     */
    List<ObligationState> obligations(String participantId, ObligationStatus status, int fromIndex, int limit);

    /**
     * @return every batch clearing run so far, oldest first (run ids increase).
     */
    List<ClearingRunSummary> clearingRuns();

    /**
     * @return the run with that id, or null when there is none.
     */
    ClearingRunSummary clearingRun(long runId);

    /**
     * A page of the set-off notices of one run, in the run's order (submission order of the obligations it
     * considered).
     *
     * @param participantId only notices of obligations it owes or is owed; null for all.
     * @param fromIndex     matching notices to skip, >= 0.
     * @param limit         most to return, >= 0.
     * @return the page, or null when there is no run with that id.
     */
    List<SetOffNotice> setOffNotices(long runId, String participantId, int fromIndex, int limit);

    /**
     * @return a plain run's optimality certificate for its default unit, or null when there is no run with that id. A
     * run solved by the policy solver, level by level, or committed from a proposal held for acceptance has none here
     * (it lists no participants): {@link #runCertificate} gives the certificate of every kind of run.
     */
    ClearingCertificate clearingCertificate(long runId);

    /**
     * The run's certificate for every kind of run: plain (every unit), with caps, liquidity, conversion or priorities,
     * level by level, or committed from a held proposal. Builds the run's policy from the kept rules and the ledger
     * (O(obligations of the run)); allocates, a query for auditors.
     *
     * @return null when there is no run with that id; a certificate whose {@code run()} is null when the run was
     * loaded from a snapshot written before runs kept one, or was novated ({@link #novatedCertificate}).
     */
    RunCertificate runCertificate(long runId);

    /**
     * The proof of a novated run ({@link NovatedCertificate}), rebuilt from the run's record and the ledger
     * (O(obligations + nodes of the run)); allocates, a query for auditors.
     *
     * @return null when there is no run with that id, when the run was not novated, or when it was loaded from a
     * snapshot written before novated runs kept their proof (version 5 or earlier).
     */
    NovatedCertificate novatedCertificate(long runId);

    /**
     * A 64-bit digest of the whole state in a fixed order (participants, obligations, payments, totals, last
     * run, policy). Equal states give equal hashes on any JVM; used to prove that recovery reproduced the state.
     * O(state size).
     */
    long stateHash();
}
