package io.clearing.server.ingress;

import io.aeron.Aeron;
import io.clearing.client.AckHandler;
import io.clearing.client.ClearingClient;
import io.clearing.core.engine.ClearingEngine;
import io.clearing.core.engine.Context;
import io.clearing.core.engine.api.ClearingStateView;
import org.agrona.CloseHelper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An engine on a journal, an Aeron ingress with an embedded driver in front of it, and clients on IPC; closes all in
 * the right order. Keys: {@link #OPERATOR_KEY}, {@link #F1_KEY} (participant F1), {@link #AUDITOR_KEY}.
 */
final class IngressFixture implements AutoCloseable
{
    static final String OPERATOR_KEY = "operator-key-0123456789";
    static final String F1_KEY = "participant-f1-key-0123456789";
    static final String AUDITOR_KEY = "auditor-key-0123456789";

    final Path journal;
    final ClearingEngine engine;
    final AeronIngress ingress;
    final Aeron aeron;
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<ClearingClient> clients = new ArrayList<>();

    IngressFixture(final Path journal, final int ringSize, final IngressConfiguration configuration)
    {
        this.journal = journal;
        this.engine = ClearingEngine.launch(new Context().journalDirectory(journal).ringSize(ringSize));
        final IngressAuthenticator authenticator = Sha256KeyAuthenticator.ofPlainKeys(Map.of(
            OPERATOR_KEY, IngressPrincipal.operator("operations"),
            F1_KEY, IngressPrincipal.participant("firm one's ledger", "F1"),
            AUDITOR_KEY, IngressPrincipal.auditor("audit")));
        this.ingress = AeronIngress.launch(engine, configuration, authenticator, errors::add);
        this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ingress.aeronDirectoryName()));
    }

    IngressFixture(final Path journal)
    {
        this(journal, Context.DEFAULT_RING_SIZE, new IngressConfiguration());
    }

    ClearingClient connect(final String key, final AckHandler handler)
    {
        final ClearingClient client = ClearingClient.connect(new ClearingClient.Context()
            .aeron(aeron)
            .apiKey(key)
            .ackHandler(handler));
        clients.add(client);
        return client;
    }

    long stateHash()
    {
        return engine.stateHash();
    }

    int obligations()
    {
        return engine.querySync(ClearingStateView::totals).obligations();
    }

    @Override
    public void close()
    {
        clients.forEach(CloseHelper::quietClose);
        CloseHelper.closeAll(aeron, ingress, engine);
    }
}
