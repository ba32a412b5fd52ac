package io.exactsuite.gatewaysim.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem; {@code code} is the stable, machine-readable reason clients branch on. */
@RegisterForReflection
@JsonPropertyOrder({ "type", "title", "status", "code", "detail" })
public record Problem(String type, String title, int status, String code, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("about:blank", title, status, code, detail);
    }
}
