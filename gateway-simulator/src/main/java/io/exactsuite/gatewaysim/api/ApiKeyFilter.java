package io.exactsuite.gatewaysim.api;

import io.exactsuite.gatewaysim.SimulatorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** The API (/v1/*) and the chaos switches need {@code Authorization: Bearer <simulator.api-key>}; checkout pages do not. */
public class ApiKeyFilter {

    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);
    private static final String DEV_KEY = "sk_test_dev_only";

    @Inject
    SimulatorConfig config;

    void warnOnDevKey(@Observes StartupEvent started) {
        if (DEV_KEY.equals(config.apiKey())) {
            LOG.warn("simulator.api-key is the committed dev-only key; set SIMULATOR_API_KEY outside local development");
        }
    }

    @ServerRequestFilter
    public Response requireApiKey(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.startsWith("/v1/") || path.equals("/chaos") || path.startsWith("/chaos/"))) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return ProblemMappers.respondUnauthorized("An Authorization: Bearer <api key> header is required");
        }
        // Constant-time compare, so response timing does not leak how much of a guess was right.
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, config.apiKey().getBytes(StandardCharsets.UTF_8))) {
            return ProblemMappers.respondUnauthorized("The API key is not valid");
        }
        return null;
    }
}
