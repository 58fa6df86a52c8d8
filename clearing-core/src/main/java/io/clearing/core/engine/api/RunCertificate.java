package io.clearing.core.engine.api;

import io.clearing.core.policy.CertifiedRun;

/**
 * What the engine keeps to prove a batch run: the run's policy (its network is the run's eligible obligations at the
 * cut-off with their open amounts, participants in registration order), its discharges as its notices give them, and
 * the certificate ({@link CertifiedRun#verify()} checks them with the library's verifiers). A run committed from a
 * proposal held for acceptance is proven over the proposal's network: the obligations eligible when it was solved,
 * with their open amounts then (a payment since lowers an obligation's open amount but never below its set-off).
 *
 * @param runId                the run.
 * @param adoptedFromProposal  whether the run applied a held proposal's set-offs as they were solved.
 * @param run                  the run with its policy and certificate; null when the run keeps none (loaded from a
 *                             snapshot of version 3 or earlier, or a novated run, whose proof is
 *                             {@link ClearingStateView#novatedCertificate}).
 */
public record RunCertificate(long runId, boolean adoptedFromProposal, CertifiedRun run)
{
}
