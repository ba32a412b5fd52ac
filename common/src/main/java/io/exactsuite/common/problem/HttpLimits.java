package io.exactsuite.common.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Size limits answered as problems. The HTTP server's own limits answer 413, 414 and 431 with an empty
 * body, so the server's limits are set above ours (see microprofile-config.properties) and this first
 * route refuses, with a problem body, what is over ours: a declared body over the body limit, a URI over
 * {@code suite.http.max-uri-length}, headers over {@code suite.http.max-header-bytes}. A request over the
 * server's own, higher limits still gets its empty answer: the HTTP codec refuses it before any route.
 */
@ApplicationScoped
public class HttpLimits {

    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBody;
    @ConfigProperty(name = "suite.http.max-uri-length", defaultValue = "4096")
    int maxUriLength;
    @ConfigProperty(name = "suite.http.max-header-bytes", defaultValue = "16384")
    int maxHeaderBytes;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        Problem refused = refusal(request.uri().length(), headerBytes(request), request.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (refused == null) {
            context.next();
            return;
        }
        try {
            context.response().setStatusCode(refused.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(refused));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            context.fail(e);
        }
    }

    /** The problem for a request of these sizes, or null when it is within every limit. */
    Problem refusal(int uriLength, long headerBytes, String contentLength) {
        if (uriLength > maxUriLength) {
            return Problem.of(414, "uri_too_long", "URI too long",
                    "The request URI has " + uriLength + " characters; the limit is " + maxUriLength);
        }
        if (headerBytes > maxHeaderBytes) {
            return Problem.of(431, "request_header_fields_too_large", "Request header fields too large",
                    "The request headers take " + headerBytes + " bytes; the limit is " + maxHeaderBytes);
        }
        if (contentLength != null) {
            long declared;
            try {
                declared = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                return Problem.of(400, "invalid_content_length", "Invalid request", "Content-Length is not a number");
            }
            if (declared > maxBody.asLongValue()) {
                return Problem.of(413, "payload_too_large", "Payload too large",
                        "The request body has " + declared + " bytes; the limit is " + maxBody.asLongValue())
                        .withExtensions(Map.of("limitBytes", maxBody.asLongValue()));
            }
        }
        return null;
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }
}
