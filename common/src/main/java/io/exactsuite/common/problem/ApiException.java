package io.exactsuite.common.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on: it becomes an RFC 9457 problem with a stable {@code code}.
 * Throwing it inside a transaction rolls the transaction back, so bad input writes nothing.
 */
public class ApiException extends RuntimeException {

    /** An extension that also becomes the {@code Retry-After} header (e.g. on 503). */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private final int status;
    private final String code;
    private final String title;
    private final Map<String, Object> extensions;
    private final List<Problem.FieldError> fieldErrors;

    public ApiException(int status, String code, String title, String detail) {
        this(status, code, title, detail, Map.of());
    }

    public ApiException(int status, String code, String title, String detail, Map<String, Object> extensions) {
        this(status, code, title, detail, extensions, List.of());
    }

    private ApiException(int status, String code, String title, String detail, Map<String, Object> extensions,
            List<Problem.FieldError> fieldErrors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** A 400 {@code validation_failed} for one field, shaped like a bean-validation failure. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, "validation_failed", "Invalid request", "Invalid fields: " + field, Map.of(),
                List.of(new Problem.FieldError(field, message)));
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, "Invalid request", detail);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", "Not found", what + " was not found");
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, "Conflict", detail);
    }

    /** 503: a dependency is down; nothing was changed, the same request may be retried after the pause. */
    public static ApiException unavailable(String code, String detail, int retryAfterSeconds) {
        return new ApiException(503, code, "Service unavailable", detail, Map.of(RETRY_AFTER_SECONDS, retryAfterSeconds));
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(422, code, "Unprocessable request", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public List<Problem.FieldError> fieldErrors() {
        return fieldErrors;
    }
}
