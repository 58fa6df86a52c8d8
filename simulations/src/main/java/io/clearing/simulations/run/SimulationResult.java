package io.clearing.simulations.run;

import io.clearing.simulations.scenario.Scenario;

import java.util.List;

/**
 * The outcome of a run: the scenario as used, its seed, and the replications in replication order (whatever the
 * number of threads).
 *
 * @param scenario     the scenario with every value.
 * @param seed         the run's seed.
 * @param replications the results, in index order.
 * @param threads      threads used (does not change any result).
 * @param elapsedNs    wall-clock time of the simulation (not of writing the outputs).
 */
public record SimulationResult(Scenario scenario, long seed, List<ReplicationResult> replications, int threads,
    long elapsedNs)
{
    /**
     * @return agents times days simulated over all replications.
     */
    public long agentSteps()
    {
        long sum = 0;
        for (final ReplicationResult replication : replications)
        {
            sum += replication.agentSteps();
        }
        return sum;
    }
}
