package io.clearing.core.engine.api;

/**
 * A conversion rate published for a unit: one minor unit of it is worth {@code numerator / denominator} of the
 * treasury's reference value (in lowest terms). Runs convert across units through the treasury in whole lots of
 * the rated units (docs/policies.md, stage 2).
 *
 * @param unitId      the unit ("" for the default unit).
 * @param numerator   positive.
 * @param denominator positive.
 */
public record UnitRate(String unitId, long numerator, long denominator)
{
}
