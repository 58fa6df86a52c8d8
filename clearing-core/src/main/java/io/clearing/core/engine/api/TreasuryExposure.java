package io.clearing.core.engine.api;

/**
 * The treasury's exposure in one unit during a run: the gross claims in the unit it took over (and paid out again;
 * a run leaves the treasury flat in every unit), in minor units of the unit.
 *
 * @param unitId        the unit ("" for the default unit).
 * @param exposureMinor positive.
 */
public record TreasuryExposure(String unitId, long exposureMinor)
{
}
