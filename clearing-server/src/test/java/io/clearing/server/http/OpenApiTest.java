package io.clearing.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document lists exactly the API's resource methods, and at least the paths the API promises; every
 * success response documents its body (JSON or CSV, as the resource methods produce and consume), every error
 * response the one error shape.
 */
@ExtendWith(TestServer.class)
class OpenApiTest
{
    private static final String CSV = "text/csv";
    private static final String ERROR_SCHEMA = "#/components/schemas/ErrorBody";
    /**
     * Success responses without a body, on purpose: "METHOD PATH STATUS".
     */
    private static final Set<String> NO_BODY = Set.of("DELETE /api/v1/api-keys/{keyId} 204",
        "DELETE /api/v1/units/{unit}/rate 201", "DELETE /api/v1/units/{unit}/rate 200",
        "DELETE /api/v1/treasury/default-unit-rate 201", "DELETE /api/v1/treasury/default-unit-rate 200");

    private final TestServer server;

    OpenApiTest(final TestServer server)
    {
        this.server = server;
    }

    @Test
    void shouldDescribeEveryResourceMethodAndNothingElse()
    {
        final HttpResponse<String> response = server.get("/openapi.json", server.operatorKey());
        assertThat(response.statusCode()).isEqualTo(200);
        final JsonNode paths = server.json(response).get("paths");
        final Set<String> documented = new TreeSet<>();
        for (final Iterator<String> it = paths.fieldNames(); it.hasNext(); )
        {
            final String path = it.next();
            for (final Iterator<String> methods = paths.get(path).fieldNames(); methods.hasNext(); )
            {
                documented.add(methods.next().toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        assertThat(documented).isEqualTo(resourceMethods()).contains(
            "POST /api/v1/participants", "POST /api/v1/obligations", "GET /api/v1/obligations/{id}",
            "POST /api/v1/clearing-runs", "GET /api/v1/clearing-runs/{id}", "GET /api/v1/clearing-runs/{id}/set-offs",
            "GET /api/v1/participants/{id}/position");
    }

    @Test
    void shouldDocumentBodyOfEverySuccessAndErrorResponse()
    {
        final JsonNode document = openApi();
        final List<String> problems = new ArrayList<>();
        final Set<String> noBodySeen = new TreeSet<>();
        forEachOperation(document, (operation, node) ->
        {
            final JsonNode responses = node.path("responses");
            boolean success = false;
            for (final Iterator<String> it = responses.fieldNames(); it.hasNext(); )
            {
                final String status = it.next();
                final String where = operation + " " + status;
                final JsonNode response = resolve(document, responses.get(status));
                final JsonNode content = response.path("content");
                if (status.startsWith("2"))
                {
                    success = true;
                    if (NO_BODY.contains(where))
                    {
                        noBodySeen.add(where);
                        if (!content.isEmpty())
                        {
                            problems.add(where + ": listed as without a body but documents " + content);
                        }
                    }
                    else if (content.isEmpty())
                    {
                        problems.add(where + ": no response body documented");
                    }
                    else
                    {
                        content.fields().forEachRemaining(type -> schemaProblem(document, type.getKey(),
                            type.getValue().get("schema")).ifPresent(problem -> problems.add(where + ": " + problem)));
                    }
                }
                else if (status.startsWith("4") || status.startsWith("5"))
                {
                    final String ref = content.path(MediaType.APPLICATION_JSON).path("schema").path("$ref").asText();
                    if (!ERROR_SCHEMA.equals(ref) || content.size() != 1)
                    {
                        problems.add(where + ": error body is not " + ERROR_SCHEMA + ": " + content);
                    }
                }
                else
                {
                    problems.add(where + ": not a status that says what happened");
                }
            }
            if (!success)
            {
                problems.add(operation + ": no success response");
            }
            for (final String status : List.of("401", "4XX", "5XX"))
            {
                if (!responses.has(status))
                {
                    problems.add(operation + ": no " + status + " response");
                }
            }
        });

        assertThat(problems).isEmpty();
        assertThat(noBodySeen).isEqualTo(NO_BODY);
        assertThat(document.at("/components/schemas/ErrorBody/properties").fieldNames()).toIterable()
            .containsExactlyInAnyOrder("code", "message", "requestId");
    }

    @Test
    void shouldDocumentEveryMediaTypeTheResourcesProduceAndConsume()
    {
        final JsonNode document = openApi();
        final List<String> problems = new ArrayList<>();
        for (final Class<?> resource : ClearingServerApplication.RESOURCES)
        {
            for (final Method method : resource.getMethods())
            {
                final String operation = operationOf(resource, method);
                if (operation == null)
                {
                    continue;
                }
                final String[] words = operation.split(" ", 2);
                final JsonNode node = document.path("paths").path(words[1]).path(words[0].toLowerCase(Locale.ROOT));
                final Set<String> produced = new TreeSet<>();
                node.path("responses").fields().forEachRemaining(response ->
                {
                    if (response.getKey().startsWith("2"))
                    {
                        response.getValue().path("content").fieldNames().forEachRemaining(produced::add);
                    }
                });
                final Produces produces = method.isAnnotationPresent(Produces.class) ?
                    method.getAnnotation(Produces.class) : resource.getAnnotation(Produces.class);
                final boolean noBody = NO_BODY.stream().anyMatch(response -> response.startsWith(operation + " "));
                if (!noBody && !produced.containsAll(List.of(produces.value())))
                {
                    problems.add(operation + " (" + method.getName() + "): responses document " + produced +
                        ", the method produces " + List.of(produces.value()));
                }
                final Consumes consumes = method.getAnnotation(Consumes.class);
                if (consumes != null)
                {
                    final Set<String> consumed = new TreeSet<>();
                    node.path("requestBody").path("content").fieldNames().forEachRemaining(consumed::add);
                    if (!consumed.containsAll(List.of(consumes.value())))
                    {
                        problems.add(operation + " (" + method.getName() + "): request body documents " +
                            consumed + ", the method consumes " + List.of(consumes.value()));
                    }
                }
            }
        }

        assertThat(problems).isEmpty();
        assertThat(document.at("/paths/~1api~1v1~1obligations/post/requestBody/content").fieldNames())
            .toIterable().contains(MediaType.APPLICATION_JSON, CSV);
        assertThat(document.at("/paths/~1api~1v1~1clearing-runs~1{id}~1set-offs/get/responses/200/content")
            .fieldNames()).toIterable().containsExactlyInAnyOrder(MediaType.APPLICATION_JSON, CSV);
        assertThat(document.at("/paths/~1api~1v1~1clearing-runs~1{id}~1certificate/get/responses/200/content")
            .fieldNames()).toIterable().containsExactlyInAnyOrder(MediaType.APPLICATION_JSON, CSV);
    }

    private JsonNode openApi()
    {
        final HttpResponse<String> response = server.get("/openapi.json", server.operatorKey());
        assertThat(response.statusCode()).isEqualTo(200);
        return server.json(response);
    }

    private static void forEachOperation(final JsonNode document, final BiConsumer<String, JsonNode> action)
    {
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
            verb -> action.accept(verb.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), verb.getValue())));
    }

    /**
     * @return the node itself, or what its {@code $ref} names inside the document.
     */
    private static JsonNode resolve(final JsonNode document, final JsonNode node)
    {
        final String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }

    /**
     * A JSON body is a named schema of the document, an array of one, or one of several; a CSV body is text.
     */
    private static Optional<String> schemaProblem(final JsonNode document, final String mediaType,
        final JsonNode schema)
    {
        if (schema == null || schema.isEmpty())
        {
            return Optional.of(mediaType + " without a schema");
        }
        if (CSV.equals(mediaType))
        {
            return "string".equals(schema.path("type").asText()) ? Optional.empty() :
                Optional.of("text/csv schema is not text: " + schema);
        }
        if (!MediaType.APPLICATION_JSON.equals(mediaType))
        {
            return Optional.of("unexpected media type " + mediaType);
        }
        final List<JsonNode> named = new ArrayList<>();
        if (schema.has("oneOf"))
        {
            schema.get("oneOf").forEach(named::add);
        }
        else
        {
            named.add(schema);
        }
        for (final JsonNode one : named)
        {
            final String ref = ("array".equals(one.path("type").asText()) ? one.path("items") : one)
                .path("$ref").asText("");
            if (!ref.startsWith("#/components/schemas/") || document.at(ref.substring(1)).isMissingNode())
            {
                return Optional.of("JSON schema is not a documented type: " + schema);
            }
        }
        return Optional.empty();
    }

    private static String operationOf(final Class<?> resource, final Method method)
    {
        final String verb = method.isAnnotationPresent(GET.class) ? "GET" :
            method.isAnnotationPresent(POST.class) ? "POST" :
            method.isAnnotationPresent(PUT.class) ? "PUT" :
            method.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
        if (verb == null)
        {
            return null;
        }
        final Path sub = method.getAnnotation(Path.class);
        return verb + " " + resource.getAnnotation(Path.class).value() + (sub == null ? "" : sub.value());
    }

    private static Set<String> resourceMethods()
    {
        final Set<String> methods = new TreeSet<>();
        for (final Class<?> resource : ClearingServerApplication.RESOURCES)
        {
            for (final Method method : resource.getMethods())
            {
                final String operation = operationOf(resource, method);
                if (operation != null)
                {
                    methods.add(operation);
                }
            }
        }
        return methods;
    }
}
