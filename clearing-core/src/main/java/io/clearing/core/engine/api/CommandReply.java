package io.clearing.core.engine.api;

/**
 * The reply to one command.
 *
 * @param code  outcome.
 * @param value what goes with it: participant index for a registration, amount set off at once by continuous
 *              clearing for a submission, amount still open for a payment, amount cleared for a batch run, snapshot
 *              id for a snapshot; 0 otherwise. Minor units where an amount.
 */
public record CommandReply(ResultCode code, long value)
{
    public boolean isAccepted()
    {
        return code == ResultCode.ACCEPTED;
    }
}
