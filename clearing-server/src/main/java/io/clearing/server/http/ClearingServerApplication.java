package io.clearing.server.http;

import io.clearing.server.auth.ApiKeyStore;
import io.clearing.server.auth.Role;
import io.clearing.server.http.resources.ApiKeysResource;
import io.clearing.server.http.resources.ClearingRunsResource;
import io.clearing.server.http.resources.CommunitiesResource;
import io.clearing.server.http.resources.ObligationsResource;
import io.clearing.server.http.resources.ParticipantsResource;
import io.clearing.server.http.resources.SnapshotsResource;
import io.clearing.server.http.resources.StateResource;
import io.clearing.server.http.resources.TreasuryResource;
import io.clearing.server.http.resources.UnitsResource;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import io.swagger.v3.jaxrs2.integration.resources.OpenApiResource;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.eclipse.jetty.server.Server;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The clearing server: the engine as a managed object, the REST API under {@code /api/v1} (JSON, CSV where files
 * are natural), its OpenAPI document at {@code /openapi.json}, API keys with roles, health checks and metrics on
 * the admin port. {@code bin/clearing server [config.yml]} runs it; see docs/server.md.
 */
public final class ClearingServerApplication extends Application<ClearingServerConfiguration>
{
    /**
     * The API's resource classes: the OpenAPI document describes exactly these.
     */
    public static final Class<?>[] RESOURCES = {ParticipantsResource.class, ObligationsResource.class,
        ClearingRunsResource.class, SnapshotsResource.class, ApiKeysResource.class, StateResource.class,
        UnitsResource.class, TreasuryResource.class, CommunitiesResource.class};

    private static final Logger LOG = LoggerFactory.getLogger(ClearingServerApplication.class);

    private final Consumer<String> firstKeyNotice;
    private final CountDownLatch serverStarted = new CountDownLatch(1);
    private volatile Server server;

    /**
     * Prints the first operator key, created on the first start, to standard output.
     */
    public ClearingServerApplication()
    {
        this(System.out::println);
    }

    /**
     * @param firstKeyNotice told, once, the lines announcing the operator key created on the first start.
     */
    public ClearingServerApplication(final Consumer<String> firstKeyNotice)
    {
        this.firstKeyNotice = firstKeyNotice;
    }

    @Override
    public String getName()
    {
        return "clearing";
    }

    /**
     * {@code ${NAME}} in a configuration file is replaced by the environment variable NAME ({@code ${NAME:-default}}
     * with a default), so that secrets such as the keystore password need not be written in the file; a variable
     * that is not set stops the start with an error that names it.
     */
    @Override
    public void initialize(final Bootstrap<ClearingServerConfiguration> bootstrap)
    {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
    }

    @Override
    public void run(final ClearingServerConfiguration configuration, final Environment environment)
    {
        for (final String connector : configuration.plainHttpBeyondLoopback())
        {
            LOG.warn("API connector {} is plain http beyond this machine: API keys and data travel unencrypted; " +
                "serve others over an https connector (docs/server.md, TLS)", connector);
        }
        try
        {
            Files.createDirectories(configuration.journalDirectory());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create data directory " + configuration.getDataDirectory(), ex);
        }
        final ApiKeyStore keys = ApiKeyStore.open(configuration.apiKeyFile());
        if (!keys.hasOperatorKey())
        {
            final ApiKeyStore.IssuedKey issued = keys.create(Role.OPERATOR, null, System.currentTimeMillis());
            firstKeyNotice.accept("Operator API key (shown only this once; only its hash is kept in " +
                configuration.apiKeyFile() + "):");
            firstKeyNotice.accept("  " + issued.key());
            firstKeyNotice.accept("Use it as: Authorization: Bearer " + issued.key());
        }

        environment.lifecycle().addServerLifecycleListener(started ->
        {
            server = started;
            serverStarted.countDown();
        });
        final ManagedEngine engine = new ManagedEngine(
            configuration.getEngine().context(configuration.journalDirectory()));
        environment.lifecycle().manage(engine);
        final EngineMetrics metrics = new EngineMetrics(environment.metrics());
        final EngineGateway gateway = new EngineGateway(engine, metrics,
            configuration.getEngine().getCommandTimeoutMs());
        final ParticipantDirectory directory = new ParticipantDirectory(gateway);
        final LimitsFactory limits = configuration.getLimits();

        environment.servlets().addFilter("declared-size", new DeclaredSizeFilter(limits.getMaxJsonBytes(),
            limits.getMaxCsvBytes())).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.jersey().register(new RequestIdFilter());
        environment.jersey().register(new UnreadBodyDrain());
        environment.jersey().register(new ApiKeyAuthFilter(keys));
        environment.jersey().register(RolesAllowedDynamicFeature.class);
        environment.jersey().register(new BodySizeLimit(limits.getMaxJsonBytes(), limits.getMaxCsvBytes()));
        for (final Object mapper : ErrorMappers.all())
        {
            environment.jersey().register(mapper);
        }
        environment.jersey().register(new ParticipantsResource(gateway, directory, limits.getMaxPageSize()));
        environment.jersey().register(new ObligationsResource(gateway, directory, environment.getObjectMapper(),
            limits.getMaxPageSize(), limits.getMaxRejectsReported()));
        environment.jersey().register(new ClearingRunsResource(gateway, directory, limits.getMaxPageSize()));
        environment.jersey().register(new SnapshotsResource(gateway));
        environment.jersey().register(new ApiKeysResource(keys, directory));
        environment.jersey().register(new StateResource(gateway));
        environment.jersey().register(new UnitsResource(gateway, directory));
        environment.jersey().register(new TreasuryResource(gateway));
        environment.jersey().register(new CommunitiesResource(gateway));
        environment.jersey().register(openApiResource());

        environment.healthChecks().register("engine", new HealthChecks.EngineRunning(engine));
        environment.healthChecks().register("journal", new HealthChecks.JournalWritable(
            configuration.journalDirectory()));
        environment.healthChecks().register("disk", new HealthChecks.DiskSpace(configuration.getDataDirectory(),
            configuration.getMinFreeDiskBytes()));

        final IngressFactory ingress = configuration.getIngress();
        if (ingress != null)
        {
            // managed after the engine: started after it, stopped before it
            environment.lifecycle().manage(ingress.build(engine, keys, environment.metrics()));
        }
    }

    /**
     * Blocks until the server that {@code run} started has stopped (on SIGTERM or Ctrl-C, through Jetty's
     * shutdown hook).
     */
    public void awaitStop() throws InterruptedException
    {
        serverStarted.await();
        server.join();
    }

    private static OpenApiResource openApiResource()
    {
        final OpenAPI api = new OpenAPI()
            .info(new Info().title("Clearing server API").version("v1").description(
                "Multilateral clearing: participants, obligations, payments, optimal clearing runs with set-off " +
                "notices and optimality certificates. Amounts are integers in minor units. Every request needs " +
                "Authorization: Bearer KEY; errors are {code, message, requestId}."))
            .components(new Components().addSecuritySchemes("apiKey",
                new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
            .addSecurityItem(new SecurityRequirement().addList("apiKey"));
        final Set<String> classes = Stream.concat(Stream.of(RESOURCES), Stream.of(OpenApiErrorResponses.class))
            .map(Class::getName).collect(Collectors.toSet());
        final OpenApiResource resource = new OpenApiResource();
        resource.setOpenApiConfiguration(new SwaggerConfiguration().openAPI(api).resourceClasses(classes)
            .prettyPrint(true).readAllResources(true));
        return resource;
    }
}
