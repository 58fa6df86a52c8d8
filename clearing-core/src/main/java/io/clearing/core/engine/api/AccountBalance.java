package io.clearing.core.engine.api;

/**
 * A participant's accounts in one defined unit of account, in minor units of that unit. The settlement balance is
 * what payments on obligations of the unit moved (received minus paid), less demurrage charged (or plus demurrage
 * credited, for the unit's fund), less what was moved to savings; the savings balance never carries demurrage.
 *
 * @param participantId          the participant.
 * @param unitId                 the unit.
 * @param settlementMinor        settlement balance; may be negative (paid more than received).
 * @param savingsMinor           savings balance, never negative.
 * @param demurrageLastMinor     demurrage charged in the unit's last charged period.
 * @param demurrageTotalMinor    demurrage charged over all periods.
 */
public record AccountBalance(
    String participantId,
    String unitId,
    long settlementMinor,
    long savingsMinor,
    long demurrageLastMinor,
    long demurrageTotalMinor)
{
}
