package io.clearing.core.engine.api;

import java.util.List;

/**
 * What a batch run (or the pending proposal) discharged across units through the treasury.
 *
 * @param runId     the run.
 * @param crossUnit per obligation with a part discharged across units, in the run's notice order.
 * @param exposure  the treasury's exposure per unit where it is not zero, in unit definition order.
 */
public record RunConversion(long runId, List<CrossUnitPart> crossUnit, List<TreasuryExposure> exposure)
{
}
