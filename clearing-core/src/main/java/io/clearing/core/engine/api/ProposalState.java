package io.clearing.core.engine.api;

import java.util.List;

/**
 * A clearing run held for acceptance.
 *
 * @param runId              run id it will commit under.
 * @param cutOffMs           the run's cut-off (timestamp of the propose command); due-date windows count from it.
 * @param acceptByDefault    at the cut-off, participants that did not answer count as accepting (else rejecting).
 * @param deadlineMs         acceptance cut-off: answers after it are refused, a commit after it applies the default.
 * @param clearedMinor       total the current proposal sets off.
 * @param affected           participants the current proposal sets something off for, in registration order.
 * @param accepted           participants that accepted.
 * @param rejected           participants that rejected (the proposal was re-solved without their obligations).
 * @param notices            proposed set-offs, one per open obligation, in submission order.
 */
public record ProposalState(
    long runId,
    long cutOffMs,
    boolean acceptByDefault,
    long deadlineMs,
    long clearedMinor,
    List<String> affected,
    List<String> accepted,
    List<String> rejected,
    List<SetOffNotice> notices)
{
}
