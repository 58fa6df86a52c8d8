package io.clearing.core.engine.api;

/**
 * A participant's position at one moment. Amounts in minor units.
 *
 * @param participantId        external id.
 * @param displayName          name given at registration.
 * @param netPositionMinor     owed to it minus owed by it, over open obligations; clearing never changes it.
 * @param owesMinor            open debt as debtor.
 * @param owedMinor            open debt as creditor.
 * @param openAsDebtor         number of open obligations it owes.
 * @param openAsCreditor       number of open obligations owed to it.
 * @param registeredAtMs       timestamp of its registration command.
 */
public record ParticipantPosition(
    String participantId,
    String displayName,
    long netPositionMinor,
    long owesMinor,
    long owedMinor,
    int openAsDebtor,
    int openAsCreditor,
    long registeredAtMs)
{
}
