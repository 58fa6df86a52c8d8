package io.clearing.core.engine.api;

import java.util.List;

/**
 * The optimality certificate of one batch clearing run: one integer potential per participant registered at the
 * run's cut-off, in registration order. With the run's set-off notices (obligation {@code i} of the run's network
 * is notice {@code i}) it proves, by LP duality, that no larger set-off existed; see
 * {@code io.clearing.core.api.CertificateVerifier}.
 *
 * @param runId          the run.
 * @param participantIds participants in the order of the run's network.
 * @param potentials     potential of each participant, same order; do not modify.
 */
public record ClearingCertificate(long runId, List<String> participantIds, long[] potentials)
{
}
