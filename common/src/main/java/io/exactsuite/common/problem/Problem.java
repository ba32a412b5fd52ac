package io.exactsuite.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details. {@code code} is the stable, machine-readable reason; {@code errors}
 * lists every offending field of a validation failure.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        List<FieldError> errors,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://exactsuite.io/problems/";

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(TYPE_BASE + code, title, status, detail, code, List.of(), Map.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, code, fieldErrors, extensions);
    }

    public Problem withExtensions(Map<String, Object> more) {
        return new Problem(type, title, status, detail, code, errors, more);
    }

    @JsonAnyGetter
    public Map<String, Object> anyExtensions() {
        return extensions;
    }

    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
