package io.clearing.core.engine.api;

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
}
