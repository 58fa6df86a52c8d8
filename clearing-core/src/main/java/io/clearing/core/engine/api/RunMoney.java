package io.clearing.core.engine.api;

/**
 * Money a batch run moved for one participant in one unit through liquidity commitments: what it paid in (its debts
 * discharged with committed money) and what it received (claims at the end of a chain discharged with that money).
 * The participant's net position changes by {@code paidMinor - receivedMinor}; in a defined unit its settlement
 * balance changes by {@code receivedMinor - paidMinor}.
 *
 * @param participantId the participant.
 * @param unitId        the unit ("" for the default unit).
 * @param paidMinor     money paid into the run.
 * @param receivedMinor money received from the run.
 */
public record RunMoney(String participantId, String unitId, long paidMinor, long receivedMinor)
{
}
