package io.clearing.core.engine.api;

/**
 * A receivable cap or a liquidity commitment given for the next batch run (a plain run or a committed proposal),
 * which uses and then ends it.
 *
 * @param participantId the participant.
 * @param unitId        the unit ("" for the default unit).
 * @param liquidity     a liquidity commitment (money the participant pays into the run) rather than a cap.
 * @param amountMinor   the cap on its receivables discharged by the run, or the money committed.
 */
public record RunLimit(String participantId, String unitId, boolean liquidity, long amountMinor)
{
}
