package io.clearing.core.engine.api;

import java.util.List;

/**
 * A participant's standing clearing policy.
 *
 * @param participantId     the participant.
 * @param optedOutNextRun   out of the next batch run (and of continuous clearing until that run).
 * @param optedOutUntilIn   out of every run until it opts back in.
 * @param minimumAmountMinor obligations of a smaller submitted amount are never set off; 0 when no minimum.
 * @param dueWindowMs       obligations due later than the cut-off plus this window are not set off; -1 when none.
 * @param relatedParticipantIds participants with whom no obligation is ever set off, in registration order.
 */
public record ParticipantPolicy(
    String participantId,
    boolean optedOutNextRun,
    boolean optedOutUntilIn,
    long minimumAmountMinor,
    long dueWindowMs,
    List<String> relatedParticipantIds)
{
}
