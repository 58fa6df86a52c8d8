package io.clearing.server.auth;

import java.security.Principal;
import java.util.Objects;

/**
 * Who presented a key: the key's id (never the key itself), its role and, for {@link Role#PARTICIPANT}, the one
 * participant it acts for.
 *
 * @param keyId         public id of the key, as listed and revoked by operators.
 * @param role          what the key may do.
 * @param participantId the participant a {@link Role#PARTICIPANT} key acts for; null for other roles.
 */
public record ApiPrincipal(String keyId, Role role, String participantId) implements Principal
{
    public ApiPrincipal
    {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(role, "role");
        if ((role == Role.PARTICIPANT) != (participantId != null))
        {
            throw new IllegalArgumentException("a participant id goes with the participant role and only with it");
        }
    }

    @Override
    public String getName()
    {
        return keyId;
    }

    /**
     * @return whether this principal may see data of {@code participant}: operators and auditors see all.
     */
    public boolean mayRead(final String participant)
    {
        return role != Role.PARTICIPANT || participantId.equals(participant);
    }

    /**
     * @return whether this principal may see an obligation between these two participants.
     */
    public boolean mayRead(final String debtorId, final String creditorId)
    {
        return role != Role.PARTICIPANT || participantId.equals(debtorId) || participantId.equals(creditorId);
    }
}
