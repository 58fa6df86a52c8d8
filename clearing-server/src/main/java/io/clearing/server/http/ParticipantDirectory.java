package io.clearing.server.http;

import io.clearing.core.engine.api.ParticipantPosition;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which participant ids are registered, so that obligations naming an unknown participant are refused before
 * they reach the engine (and its journal). Participants are never removed, so a known id stays known; an id not
 * yet seen here (e.g. registered through another ingress) is looked up in the engine once. Thread-safe.
 */
public final class ParticipantDirectory
{
    private static final int LOAD_PAGE = 65_536;

    private final EngineGateway gateway;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private volatile boolean loaded;

    public ParticipantDirectory(final EngineGateway gateway)
    {
        this.gateway = gateway;
    }

    /**
     * @return whether the participant is registered.
     */
    public boolean isRegistered(final String participantId)
    {
        if (!loaded)
        {
            load();
        }
        if (known.contains(participantId))
        {
            return true;
        }
        final boolean registered = gateway.query(view -> view.participant(participantId) != null);
        if (registered)
        {
            known.add(participantId);
        }
        return registered;
    }

    /**
     * Notes a participant the engine has accepted.
     */
    public void registered(final String participantId)
    {
        known.add(participantId);
    }

    private synchronized void load()
    {
        if (loaded)
        {
            return;
        }
        int from = 0;
        while (true)
        {
            final int offset = from;
            final List<String> page = gateway.query(view ->
            {
                final List<ParticipantPosition> positions = view.participants(offset, LOAD_PAGE);
                return positions.stream().map(ParticipantPosition::participantId).toList();
            });
            known.addAll(page);
            if (page.size() < LOAD_PAGE)
            {
                break;
            }
            from += LOAD_PAGE;
        }
        loaded = true;
    }
}
