package io.clearing.core.engine.api;

/**
 * The part of one obligation's set-off that a run discharged across units through the treasury, in minor units of
 * the obligation's unit (always whole lots).
 *
 * @param obligationId   the obligation.
 * @param unitId         its unit ("" for the default unit).
 * @param setOffMinor    its whole set-off in the run.
 * @param crossUnitMinor the part of it discharged across units, 0 &lt; crossUnitMinor &lt;= setOffMinor.
 */
public record CrossUnitPart(String obligationId, String unitId, long setOffMinor, long crossUnitMinor)
{
}
