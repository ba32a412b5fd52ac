package io.exactsuite.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import jakarta.ws.rs.core.Response;

/** What another service answered below 500: a status and its JSON body (a problem's {@code code} for 4xx). */
public record Reply(int status, JsonNode body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 5xx is the dependency's failure, not an answer: it throws, so fault tolerance can retry it. */
    public static Reply of(Response response) {
        try (response) {
            if (response.getStatus() >= 500) {
                throw new DependencyDown("answered " + response.getStatus());
            }
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            return new Reply(response.getStatus(), text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text));
        } catch (java.io.IOException e) {
            throw new DependencyDown("answered something that is not JSON");
        }
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String code() {
        return body.path("code").asText("");
    }

    public String text(String field) {
        return body.path(field).asText(null);
    }

    /** The dependency failed or did not answer in time; retried, counted by the circuit breaker. */
    public static class DependencyDown extends RuntimeException {
        public DependencyDown(String message) {
            super(message, null, false, false);
        }
    }
}
