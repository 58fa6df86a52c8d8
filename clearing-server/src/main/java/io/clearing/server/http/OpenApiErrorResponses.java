package io.clearing.server.http;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.jaxrs2.ReaderListener;
import io.swagger.v3.oas.integration.api.OpenApiReader;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import java.util.Map;

/**
 * Gives every operation of the OpenAPI document the API's one error shape ({@link ErrorBody}) in one place rather
 * than on each resource method: an error response a resource declares (e.g. {@code 409}) without a body gets it,
 * and every operation gets {@code 401} (every endpoint needs a key) and the {@code 4XX} and {@code 5XX} ranges.
 * swagger-core finds it among the classes it reads and calls it after reading the resources.
 */
public final class OpenApiErrorResponses implements ReaderListener
{
    /**
     * The shared response in {@code components/responses}.
     */
    public static final String ERROR_RESPONSE = "Error";

    @Override
    public void beforeScan(final OpenApiReader reader, final OpenAPI openApi)
    {
    }

    @Override
    public void afterScan(final OpenApiReader reader, final OpenAPI openApi)
    {
        if (openApi.getComponents() == null)
        {
            openApi.setComponents(new Components());
        }
        final Components components = openApi.getComponents();
        final ResolvedSchema error = ModelConverters.getInstance().resolveAsResolvedSchema(
            new AnnotatedType(ErrorBody.class).resolveAsRef(true));
        if (error.referencedSchemas != null)
        {
            error.referencedSchemas.forEach(components::addSchemas);
        }
        final Content errorContent = new Content().addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
            new MediaType().schema(error.schema));
        components.addResponses(ERROR_RESPONSE, new ApiResponse().content(errorContent).description(
            "An error: {code, message, requestId}; 4xx for the caller's mistakes (nothing changed), 5xx for the " +
            "server's faults."));
        if (openApi.getPaths() == null)
        {
            return;
        }
        for (final PathItem path : openApi.getPaths().values())
        {
            for (final Operation operation : path.readOperations())
            {
                addErrors(operation, errorContent);
            }
        }
    }

    private static void addErrors(final Operation operation, final Content errorContent)
    {
        if (operation.getResponses() == null)
        {
            operation.setResponses(new ApiResponses());
        }
        final ApiResponses responses = operation.getResponses();
        for (final Map.Entry<String, ApiResponse> entry : responses.entrySet())
        {
            final ApiResponse response = entry.getValue();
            if (isError(entry.getKey()) && response.get$ref() == null &&
                (response.getContent() == null || response.getContent().isEmpty()))
            {
                response.setContent(errorContent);
            }
        }
        final String shared = "#/components/responses/" + ERROR_RESPONSE;
        if (!responses.containsKey("401"))
        {
            responses.addApiResponse("401", new ApiResponse().description("No key, not 'Bearer KEY', or an " +
                "unknown or revoked key: code unauthorized.").content(errorContent));
        }
        responses.putIfAbsent("4XX", new ApiResponse().$ref(shared));
        responses.putIfAbsent("5XX", new ApiResponse().$ref(shared));
    }

    private static boolean isError(final String status)
    {
        return status.startsWith("4") || status.startsWith("5");
    }
}
