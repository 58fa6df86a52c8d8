package io.clearing.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document lists exactly the API's resource methods, and at least the paths the API promises.
 */
@ExtendWith(TestServer.class)
class OpenApiTest
{
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

    private static Set<String> resourceMethods()
    {
        final Set<String> methods = new TreeSet<>();
        for (final Class<?> resource : ClearingServerApplication.RESOURCES)
        {
            final String base = resource.getAnnotation(Path.class).value();
            for (final Method method : resource.getMethods())
            {
                final String verb = method.isAnnotationPresent(GET.class) ? "GET" :
                    method.isAnnotationPresent(POST.class) ? "POST" :
                    method.isAnnotationPresent(PUT.class) ? "PUT" :
                    method.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (verb != null)
                {
                    final Path sub = method.getAnnotation(Path.class);
                    methods.add(verb + " " + base + (sub == null ? "" : sub.value()));
                }
            }
        }
        return methods;
    }
}
