package io.exactsuite.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP as the checker's clients speak it: every answer read as an outcome, a cut or a timeout as UNKNOWN. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** status -1 when no answer came (connection refused or cut, timeout); replayed: Idempotent-Replayed: true. */
    record Answer(int status, JsonNode body, String error, boolean replayed) {

        Outcome outcome() {
            if (status >= 200 && status < 300) {
                return Outcome.OK;
            }
            // A 4xx is a definite "no" — except "still in flight", which says nothing about the outcome yet.
            if (status >= 400 && status < 500 && !"idempotency_key_in_flight".equals(code()) && !"order_busy".equals(code())
                    && !"contention".equals(code())) {
                return Outcome.FAIL;
            }
            return Outcome.UNKNOWN;
        }

        String code() {
            return body.path("code").asText("");
        }

        String text(String field) {
            return body.path(field).asText(null);
        }

        String describe() {
            return status < 0 ? error : status + (code().isEmpty() ? "" : " " + code());
        }
    }

    static Answer post(String url, String token, String key, String json) {
        return post(url, token, key, null, json);
    }

    /** With a Business-Reference: points-service keeps it on the ledger entry, so the checker can find the effect. */
    static Answer post(String url, String token, String key, String reference, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(8))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (reference != null) {
            request.header("Business-Reference", reference);
        }
        return send(request.build());
    }

    static Answer get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(8)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    static Answer put(String url, String token, String json) {
        return write("PUT", url, token, json);
    }

    static Answer patch(String url, String token, String json) {
        return write("PATCH", url, token, json);
    }

    private static Answer write(String method, String url, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(8))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json;
            try {
                json = body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException notJson) {
                json = MissingNode.getInstance();
            }
            return new Answer(response.statusCode(), json, null,
                    response.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false));
        } catch (IOException e) {
            return new Answer(-1, MissingNode.getInstance(), e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, MissingNode.getInstance(), "interrupted", false);
        }
    }

    private Api() {
    }
}
