package io.exactsuite.common.json;

import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.problem.ProblemMappers;
import io.exactsuite.common.problem.Problem;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Request bodies are JSON in UTF-8, said and sent. A body under another media type (text/plain,
 * a form) is a 415, not parsed as JSON anyway; a body with a byte order mark or in UTF-16/32 is a
 * 400, not silently decoded. Endpoints that declare their own {@code @Consumes} (the gateway webhook,
 * which verifies raw bytes) are left to it.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class JsonBodies implements ReaderInterceptor {

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    @ServerRequestFilter
    public Response requireJson(ContainerRequestContext request, ResourceInfo resource) {
        if (!BODY_METHODS.contains(request.getMethod()) || !hasBody(request) || declaresConsumes(resource)) {
            return null;
        }
        String refusal = refusal(request.getHeaderString(HttpHeaders.CONTENT_TYPE));
        if (refusal == null) {
            return null;
        }
        return ProblemMappers.respond(Problem.of(415, "unsupported_media_type", "Unsupported media type", refusal));
    }

    /** Why a request body's Content-Type is refused, or null when it is JSON in UTF-8. */
    public static String refusal(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "A request body needs Content-Type: application/json";
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            return "Content-Type " + contentType + " is not a media type";
        }
        boolean json = "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase().endsWith("+json"));
        if (!json) {
            return "Request bodies are application/json, not " + type.getType() + "/" + type.getSubtype();
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !"utf-8".equalsIgnoreCase(charset)) {
            return "Request bodies are UTF-8, not " + charset;
        }
        return null;
    }

    /** Why the first bytes of a JSON body say it is not plain UTF-8, or null. */
    public static String encodingProblem(byte[] start, int length) {
        if (length >= 3 && (start[0] & 0xff) == 0xef && (start[1] & 0xff) == 0xbb && (start[2] & 0xff) == 0xbf) {
            return "The request body starts with a byte order mark; send UTF-8 without one";
        }
        if (length >= 2 && ((start[0] & 0xff) == 0xfe || (start[0] & 0xff) == 0xff)) {
            return "The request body is UTF-16 or UTF-32; send UTF-8";
        }
        for (int i = 0; i < length; i++) {
            if (start[i] == 0) {
                return "The request body is UTF-16 or UTF-32; send UTF-8";
            }
        }
        return null;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !type.getSubtype().toLowerCase().endsWith("json")) {
            return context.proceed();
        }
        PushbackInputStream body = new PushbackInputStream(context.getInputStream(), 4);
        byte[] start = new byte[4];
        int length = 0;
        while (length < start.length) {
            int read = body.read(start, length, start.length - length);
            if (read < 0) {
                break;
            }
            length += read;
        }
        String problem = encodingProblem(start, length);
        if (problem != null) {
            throw ApiException.badRequest("invalid_encoding", problem);
        }
        body.unread(start, 0, length);
        context.setInputStream(body);
        return context.proceed();
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !"0".equals(length.trim());
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }

    private static boolean declaresConsumes(ResourceInfo resource) {
        return resource.getResourceMethod() != null && (resource.getResourceMethod().isAnnotationPresent(Consumes.class)
                || resource.getResourceClass().isAnnotationPresent(Consumes.class));
    }
}
