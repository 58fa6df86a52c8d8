package io.clearing.core.engine.api;

import io.clearing.core.policy.PriorityRule;

import java.util.List;

/**
 * Read-only queries on the community policies: units, accounts and demurrage, participants' standing rules, and a
 * pending clearing proposal. Same threading as {@link ClearingStateView}: call on the logic thread (through
 * {@code ClearingEngine.query}) or on a stopped engine. Allocates.
 */
public interface PolicyStateView
{
    /**
     * @return defined units in definition order (the default unit, id "", is not listed).
     */
    List<UnitSummary> units();

    /**
     * @return every registered participant's accounts in the unit, in registration order; empty when unknown.
     */
    List<AccountBalance> accounts(String unitId);

    /**
     * @return the participant's standing policy, or null when no participant has that id.
     */
    ParticipantPolicy participantPolicy(String participantId);

    /**
     * @return the pending proposal, or null when none is pending.
     */
    ProposalState pendingProposal();

    /**
     * @return caps and liquidity commitments given for the next batch run, by participant then unit.
     */
    List<RunLimit> runLimits();

    /**
     * @return money the last batch run moved through liquidity commitments, by participant then unit.
     */
    List<RunMoney> lastRunMoney();

    /**
     * @return the treasury's participant id, or null when none is designated.
     */
    String treasury();

    /**
     * @return the published conversion rates, the default unit first, then in unit definition order.
     */
    List<UnitRate> unitRates();

    /**
     * @return the standing priority rule of batch runs.
     */
    PriorityRule standingPriority();

    /**
     * @return the priority rule given for the next batch run only, or null when none (the standing rule applies).
     */
    PriorityRule nextRunPriority();

    /**
     * @return ids of the obligations marked urgent, in submission order.
     */
    List<String> urgentObligations();

    /**
     * @return every community in the order it was first named, with its region and members.
     */
    List<CommunityMembership> communities();

    /**
     * @return the cross-unit parts and the treasury's exposure of a run, or of the pending proposal with that id; null
     * when there is neither.
     */
    RunConversion runConversion(long runId);

    /**
     * @return the level figures of a hierarchical run, or null when there is no such run or it was not hierarchical.
     */
    RunHierarchy runHierarchy(long runId);

    /**
     * @param participantId only the notices of obligations it is a party of, without the legs between accounts or the
     *                      accounts; null for everything.
     * @return the notices, legs, stages and accounts of a novated run; null when there is no such run, it was not
     * novated, or the participant is unknown.
     */
    RunNovation runNovation(long runId, String participantId);
}
