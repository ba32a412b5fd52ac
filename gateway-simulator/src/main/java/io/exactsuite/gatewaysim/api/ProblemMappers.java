package io.exactsuite.gatewaysim.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where failures become {@code application/problem+json}; no stack trace ever reaches a caller. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return e.status() == 401 ? respondUnauthorized(e.getMessage()) : respond(e.problem());
    }

    /**
     * A body that is not JSON, or has a value of the wrong type: the code names what the caller got wrong.
     * The subclasses are listed because Quarkus ships its own (plain JSON) mappers for them.
     */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class,
            com.fasterxml.jackson.databind.exc.InvalidDefinitionException.class })
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(badBody(e, uri).problem());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request failed" : known.getReasonPhrase();
        return respond(Problem.of(status, title.toLowerCase().replace(' ', '_'), title, title));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, error id %s", errorId);
        return respond(Problem.of(500, "internal_error", "Internal error",
                "The request failed unexpectedly; quote error id " + errorId));
    }

    public static Response respondUnauthorized(String detail) {
        return Response.fromResponse(respond(ApiException.unauthorized(detail).problem()))
                .header("WWW-Authenticate", "Bearer").build();
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static ApiException badBody(JsonProcessingException e, UriInfo uri) {
        if (uri.getPath().startsWith("/chaos")) {
            return ApiException.badRequest("chaos_invalid", "The chaos settings are not valid JSON of the documented shape");
        }
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().get(0).getFieldName()
                : null;
        if ("amount".equals(field) || "currency".equals(field)) {
            return ApiException.badRequest("amount_invalid", field + " must be a JSON string");
        }
        return ApiException.badRequest("request_invalid",
                field == null ? "The request body is not valid JSON" : field + " has a value of the wrong type");
    }
}
