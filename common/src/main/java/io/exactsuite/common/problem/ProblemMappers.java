package io.exactsuite.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.exactsuite.common.json.StrictText;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become {@code application/problem+json}. Nothing here echoes an
 * exception class name or a stack trace; unexpected failures are logged with an id the client sees.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** How Jackson's STRICT_DUPLICATE_DETECTION words it (checked by StrictJsonTests). */
    private static final String DUPLICATE_FIELD = "Duplicate field '";

    /** The start of Jackson's message for a key given twice, which this class turns into duplicate_key. */
    public static String duplicateFieldPrefix() {
        return DUPLICATE_FIELD;
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response response = respond(Problem.of(e.status(), e.code(), e.title(), e.getMessage())
                .withErrors(e.fieldErrors()).withExtensions(e.extensions()));
        if (e.extensions().get(ApiException.RETRY_AFTER_SECONDS) instanceof Integer seconds) {
            return Response.fromResponse(response).header("Retry-After", seconds).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        boolean ourFault = e.getConstraintViolations().stream()
                .anyMatch(v -> lastKind(v.getPropertyPath()) == ElementKind.RETURN_VALUE);
        if (ourFault) {
            return unexpected(e);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return respond(Problem.of(400, "validation_failed", "Invalid request", "Invalid fields: " + fields)
                .withErrors(errors));
    }

    @ServerExceptionMapper
    public Response invalidParameter(ParameterConverters.InvalidParameter e) {
        return respond(Problem.of(400, "invalid_parameter", "Invalid request",
                "Parameter " + e.parameter() + " must be " + e.expected())
                .withErrors(List.of(new Problem.FieldError(e.parameter(), "must be " + e.expected()))));
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e) {
        String field = jsonPath(e);
        return respond(Problem.of(400, "unknown_property", "Invalid request", "Unknown property: " + field)
                .withErrors(List.of(new Problem.FieldError(field, "is not a known property"))));
    }

    @ServerExceptionMapper({ JsonMappingException.class, MismatchedInputException.class, InvalidFormatException.class })
    public Response invalidJsonValue(JsonMappingException e) {
        String field = jsonPath(e);
        if (isBadUtf8(e)) {
            return badUtf8();
        }
        if (isDuplicateKey(e)) {
            return duplicateKey(e, field);
        }
        if (e instanceof StrictText.InvalidText) {
            String message = e.getOriginalMessage();
            return respond(Problem.of(400, "invalid_text", "Invalid request", field + " " + message)
                    .withErrors(List.of(new Problem.FieldError(field, message))));
        }
        String where = field.isEmpty() ? "The request body" : field;
        return respond(Problem.of(400, "invalid_value", "Invalid request", where + " has a value of the wrong type or range")
                .withErrors(field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, "has a value of the wrong type or range"))));
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        return json(e);
    }

    private Response json(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownProperty(unknown);
        }
        if (e instanceof JsonMappingException mapping) {
            return invalidJsonValue(mapping);
        }
        if (isDuplicateKey(e)) {
            return duplicateKey(e, "");
        }
        if (isBadUtf8(e)) {
            return badUtf8();
        }
        return respond(Problem.of(400, "malformed_json", "Invalid request", "The request body is not valid JSON"));
    }

    /** Jackson's UTF-8 decoder: "Invalid UTF-8 start byte", "... middle byte" (points BadInputTests sends latin-1). */
    private static boolean isBadUtf8(JsonProcessingException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Invalid UTF-8");
    }

    private static Response badUtf8() {
        return respond(Problem.of(400, "invalid_encoding", "Invalid request", "The request body is not valid UTF-8"));
    }

    private static boolean isDuplicateKey(JsonProcessingException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith(DUPLICATE_FIELD);
    }

    /** A key given twice; Jackson names the key, the path (when nested) says where. */
    private static Response duplicateKey(JsonProcessingException e, String path) {
        String key = e.getOriginalMessage().substring(DUPLICATE_FIELD.length()).replaceAll("'$", "");
        String field = path.isEmpty() ? key : path + "." + key;
        return respond(Problem.of(400, "duplicate_key", "Invalid request", "The request body gives " + field
                + " more than once").withErrors(List.of(new Problem.FieldError(field, "is given more than once"))));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(respond(Problem.of(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required")))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "This caller may not perform this action"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String phrase = known == null ? "Request failed" : known.getReasonPhrase();
        // One title per code, in the sentence case our own problems use ("Not found", not "Not Found").
        String title = phrase.charAt(0) + phrase.substring(1).toLowerCase(java.util.Locale.ROOT);
        String code = phrase.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "_");
        return respond(Problem.of(status, code, title, title));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseOutage.isOutage(e)) {
            // Not a bug: the database is failing over or restarting. Whatever this request did rolled back, unless the
            // connection broke during the commit itself; either way the same request with the same Idempotency-Key
            // is safe to send again, and applies at most once.
            LOG.warnf("Database unavailable: %s", e.toString());
            return apiException(ApiException.unavailable("database_unavailable", "The service's database is unavailable; "
                    + "send the same request again, with the same Idempotency-Key, after the pause", 5));
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, error id %s", errorId);
        return respond(Problem.of(500, "internal_error", "Internal error",
                "The request failed unexpectedly; quote error id " + errorId)
                .withExtensions(Map.of("errorId", errorId)));
    }

    public static Response respond(Problem problem) {
        io.exactsuite.common.metrics.SuiteMetrics.problemAnswered(problem.code(), problem.status());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static ElementKind lastKind(Path path) {
        ElementKind kind = null;
        for (Path.Node node : path) {
            kind = node.getKind();
        }
        return kind;
    }

    /**
     * "spend.body.points" becomes "points", an element of a list "lines[0].quantity" (the syntax of JSON
     * errors too); a missing body stays "body"; a header keeps its parameter name.
     */
    private static String fieldName(ConstraintViolation<?> violation) {
        List<String> properties = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PARAMETER -> parameter = node.getName();
                case PROPERTY, CONTAINER_ELEMENT -> {
                    // The validator puts an element's index on the node after the list: lines, quantity[0] is lines[0].quantity.
                    if (node.isInIterable() && !properties.isEmpty()) {
                        Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                        int last = properties.size() - 1;
                        properties.set(last, properties.get(last) + "[" + (at == null ? "" : at) + "]");
                    }
                    String name = node.getName();
                    if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                        properties.add(name);
                    }
                }
                default -> {
                }
            }
        }
        if (!properties.isEmpty()) {
            return String.join(".", properties);
        }
        return parameter == null ? "request" : parameter;
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
