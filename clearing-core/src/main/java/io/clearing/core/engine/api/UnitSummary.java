package io.clearing.core.engine.api;

/**
 * A defined unit of account.
 *
 * @param unitId               id (a currency code or a community unit's name).
 * @param community            true for a community unit, false for a national currency.
 * @param fundParticipantId    participant whose settlement account receives demurrage, or null when none.
 * @param demurrageBasisPoints demurrage per period on positive settlement balances, in 1/10,000 (0 to 10,000).
 * @param lastPeriodId         the last period charged, 0 when none.
 * @param demurrageLastMinor   total charged in that period.
 * @param demurrageTotalMinor  total charged over all periods.
 */
public record UnitSummary(
    String unitId,
    boolean community,
    String fundParticipantId,
    int demurrageBasisPoints,
    long lastPeriodId,
    long demurrageLastMinor,
    long demurrageTotalMinor)
{
}
