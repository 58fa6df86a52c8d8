package io.clearing.server.http;

import io.clearing.server.auth.ApiKeys;
import io.clearing.server.auth.ApiPrincipal;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;
import java.util.Optional;

/**
 * Every request on the API port must carry {@code Authorization: Bearer KEY} with a live key, else 401 with a
 * message saying whether the header is missing, malformed or the key unknown. The key's role becomes the
 * request's security role, which {@code @RolesAllowed} on the resources checks (403 when not allowed).
 */
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyAuthFilter implements ContainerRequestFilter
{
    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;

    public ApiKeyAuthFilter(final ApiKeys apiKeys)
    {
        this.apiKeys = apiKeys;
    }

    @Override
    public void filter(final ContainerRequestContext request)
    {
        final String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isEmpty())
        {
            throw unauthorized("missing Authorization header: send Authorization: Bearer KEY");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        {
            throw unauthorized("Authorization header is not of the form: Bearer KEY");
        }
        final Optional<ApiPrincipal> principal = apiKeys.authenticate(header.substring(BEARER.length()).trim());
        if (principal.isEmpty())
        {
            throw unauthorized("API key is not valid: unknown or revoked");
        }
        final boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new KeySecurityContext(principal.get(), secure));
    }

    private static ApiException unauthorized(final String message)
    {
        return new ApiException(401, "unauthorized", message);
    }

    private record KeySecurityContext(ApiPrincipal principal, boolean secure) implements SecurityContext
    {
        @Override
        public Principal getUserPrincipal()
        {
            return principal;
        }

        @Override
        public boolean isUserInRole(final String role)
        {
            return principal.role().roleName().equals(role);
        }

        @Override
        public boolean isSecure()
        {
            return secure;
        }

        @Override
        public String getAuthenticationScheme()
        {
            return "Bearer";
        }
    }
}
