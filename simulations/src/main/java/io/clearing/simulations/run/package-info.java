/**
 * Replications: {@link io.clearing.simulations.run.SimulationRunner} runs them on a fixed thread pool, each with its
 * own random stream derived from the seed and its index, and returns them in replication order;
 * {@link io.clearing.simulations.run.SummaryMetric} reduces each to summary values.
 */
package io.clearing.simulations.run;
