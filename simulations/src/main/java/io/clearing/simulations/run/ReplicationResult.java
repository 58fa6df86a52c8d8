package io.clearing.simulations.run;

/**
 * The outcome of one replication.
 *
 * @param index      0-based replication number.
 * @param seed       the seed of its own random stream, derived from the run's seed and the index.
 * @param series     monthly series, {@code [month][Metric.ordinal()]}.
 * @param summary    summary values, {@code [SummaryMetric.ordinal()]} ({@code NaN} where not applicable).
 * @param agentSteps agents times days simulated.
 * @param daily      daily series, {@code [day][Metric.ordinal()]}, or null when not asked for.
 */
public record ReplicationResult(int index, long seed, double[][] series, double[] summary, long agentSteps,
    double[][] daily)
{
}
