package io.clearing.core.engine.api;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import io.clearing.core.policy.NovatedHierarchyResult;
import io.clearing.core.policy.NovationVerifier;

import java.util.List;

/**
 * What the engine keeps to prove a novated run: the run's network (its member obligations with their open amounts at
 * the cut-off, participants in registration order up to the run), the group of every participant per level, and the
 * result with both sides of every obligation, the legs between accounts and every stage's potentials.
 * {@link #verify()} checks them with {@link NovationVerifier}, which rebuilds every leg from the network and the
 * groups alone.
 *
 * @param runId          the run.
 * @param network        the run's network.
 * @param groupsPerLevel per level (community, then region when the run had regions), the group of every participant.
 * @param result         the kept result.
 * @param nodeIds        per node of the result (participants, then the accounts of every level), its id: the
 *                       participant's, the clearing account's, or {@code account of level L group G} for an account
 *                       the run did not use.
 */
public record NovatedCertificate(
    long runId, ObligationNetwork network, int[][] groupsPerLevel, NovatedHierarchyResult result, List<String> nodeIds)
{
    /**
     * @return passed with the firm-facing sides discharged, or the first violation found.
     */
    public Verification verify()
    {
        return NovationVerifier.verify(network, groupsPerLevel, result);
    }
}
