package io.clearing.server.ingress;

import java.util.Objects;

/**
 * Who a session authenticated as.
 *
 * @param name          for logs and metrics (e.g. the key's label), never the key itself.
 * @param role          what the session may do.
 * @param participantId the participant a {@link IngressRole#PARTICIPANT} acts for; null for other roles.
 */
public record IngressPrincipal(String name, IngressRole role, String participantId)
{
    public IngressPrincipal
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (role == IngressRole.PARTICIPANT && (participantId == null || participantId.isEmpty()))
        {
            throw new IllegalArgumentException("a participant principal needs its participant id: " + name);
        }
    }

    public static IngressPrincipal operator(final String name)
    {
        return new IngressPrincipal(name, IngressRole.OPERATOR, null);
    }

    public static IngressPrincipal participant(final String name, final String participantId)
    {
        return new IngressPrincipal(name, IngressRole.PARTICIPANT, participantId);
    }

    public static IngressPrincipal auditor(final String name)
    {
        return new IngressPrincipal(name, IngressRole.AUDITOR, null);
    }
}
