package io.exactsuite.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Attacks every operation a service's OpenAPI document lists, so a new endpoint is covered without editing
 * a test: no token, an expired one, another issuer's, {@code alg: none}, a tampered one → 401; a user's token
 * on an operation users may not call → 403; malformed path and query parameters → 400; hostile bodies
 * (malformed, a key twice, a NUL, a BOM, UTF-16, not JSON, a JSON number where an object belongs) → 400 or
 * 415. Every answer must be problem+json, and the database must hold exactly the rows it held before.
 * The roles come from the document's {@code x-callers} extension (common's ApiDocument writes it).
 */
public final class EndpointMatrix {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The user who owns the objects a test registers with {@link #owned}; the stranger is anyone else. */
    public static final String OWNER = "matrix-owner";
    private static final String STRANGER = "matrix-stranger";

    private final String jdbcUrl;
    private final Map<String, Map<String, String>> owned = new TreeMap<>();
    private final Map<String, String> bodies = new TreeMap<>();
    private final List<String> publicPaths = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int operations;
    private int cases;

    public EndpointMatrix(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Registers an object {@link #OWNER} owns: every operation a user may call whose path starts with {@code template}
     * (e.g. "/orders/{id}" covers "/orders/{id}/cancel") is tried with a stranger's token on it → 404, nothing changed;
     * the owner's own GET → 200, so the 404 is about ownership and not a wrong id. Lists a user may call must not show
     * the stranger any registered id.
     */
    public EndpointMatrix owned(String template, String... nameValuePairs) {
        Map<String, String> values = new TreeMap<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            values.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        owned.put(template, values);
        return this;
    }

    /** A valid body for "METHOD template", so that a stranger's request reaches the ownership check. */
    public EndpointMatrix body(String operation, String json) {
        bodies.put(operation, json);
        return this;
    }

    /** Paths under this template are readable by every user (a catalogue, a contest), so no stranger case applies. */
    public EndpointMatrix everyoneMayRead(String template) {
        publicPaths.add(template);
        return this;
    }

    /** Runs the matrix over the document served at /q/openapi; returns a summary, and throws listing every failure. */
    public String run(String service) throws Exception {
        JsonNode document = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        Map<String, Long> before = rowCounts();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (method.getValue().isObject() && method.getValue().has("responses")) {
                    operations++;
                    checkDocumentedProblems(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
                    attack(method.getKey().toUpperCase(), path.getKey(), resolved(document, method.getValue()));
                }
            }
        }
        Map<String, Long> after = rowCounts();
        if (!before.equals(after)) {
            failures.add("rows changed: before " + before + ", after " + after);
        }
        String summary = service + ": " + operations + " operations x " + cases + " hostile cases, " + failures.size()
                + " failures";
        System.out.println("endpoint matrix " + summary);
        if (!failures.isEmpty()) {
            throw new AssertionError(summary + ":\n  " + String.join("\n  ", failures));
        }
        return summary;
    }

    private void attack(String method, String template, JsonNode operation) {
        List<String> callers = new ArrayList<>();
        operation.path("x-callers").forEach(role -> callers.add(role.asText()));
        boolean secured = operation.has("security") && !callers.isEmpty();
        String path = fill(template, operation, null);
        String name = method + " " + template;

        if (secured) {
            String valid = DevTokens.admin("matrix-admin");
            for (Map.Entry<String, String> token : badTokens(valid).entrySet()) {
                expect(name + " with " + token.getKey(), operation, send(method, path, token.getValue(), "{}", "application/json"), 401);
            }
            if (!callers.contains("user")) {
                expect(name + " as a user", operation, send(method, path, DevTokens.user("matrix-user"), "{}", "application/json"), 403);
            }
        }
        if (secured && callers.contains("user")) {
            strangerCases(method, template, operation);
        }
        String token = secured ? tokenFor(callers) : null;
        for (JsonNode parameter : operation.path("parameters")) {
            String in = parameter.path("in").asText();
            String type = parameter.path("schema").path("type").asText();
            String format = parameter.path("schema").path("format").asText();
            boolean typed = "integer".equals(type) || "uuid".equals(format) || "date".equals(format)
                    || parameter.path("schema").has("enum");
            if (!typed || !("path".equals(in) || "query".equals(in))) {
                continue;
            }
            String param = parameter.path("name").asText();
            if ("path".equals(in)) {
                expect(name + " with path " + param + "=not-valid", operation, send(method, fill(template, operation, param), token, "{}",
                        "application/json"), 400);
            } else {
                expect(name + " with ?" + param + "=not-valid", operation, send(method, path + "?" + param + "=not-valid", token, "{}",
                        "application/json"), 400);
            }
        }
        if (operation.has("requestBody") && operation.path("requestBody").path("content").has("application/json")) {
            for (Map.Entry<String, byte[]> body : hostileBodies().entrySet()) {
                String type = body.getKey().startsWith("text/plain") ? "text/plain" : "application/json";
                expect(name + " with " + body.getKey(), operation, send(method, path, token, body.getValue(), type), 400, 415);
            }
        }
    }

    /**
     * Every error response carries problem+json examples, and every code documented is one the code base can
     * actually answer: it appears as a string literal in this service's or common's sources.
     */
    private void checkDocumentedProblems(String name, JsonNode operation) throws java.io.IOException {
        for (Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").fields(); responses.hasNext();) {
            Map.Entry<String, JsonNode> response = responses.next();
            if (!response.getKey().startsWith("4") && !response.getKey().startsWith("5")) {
                continue;
            }
            cases++;
            JsonNode examples = response.getValue().path("content").path("application/problem+json").path("examples");
            if (examples.isEmpty()) {
                failures.add(name + " documents " + response.getKey() + " without a problem example");
            }
            for (Iterator<String> codes = examples.fieldNames(); codes.hasNext();) {
                String code = codes.next();
                if (!sources().contains("\"" + code + "\"")) {
                    failures.add(name + " documents " + response.getKey() + " " + code + ", which no source answers");
                }
            }
        }
    }

    private String sources;

    /** This service's and common's main sources, concatenated (tests run in the service's module directory). */
    private String sources() throws java.io.IOException {
        if (sources == null) {
            StringBuilder all = new StringBuilder();
            for (String root : List.of("src/main/java", "../common/src/main/java")) {
                try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(java.nio.file.Path.of(root))) {
                    for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        all.append(java.nio.file.Files.readString(file));
                    }
                }
            }
            sources = all.toString();
        }
        return sources;
    }

    /** A stranger on the owner's objects: 404 and nothing changed; on a list: none of the owner's ids. */
    private void strangerCases(String method, String template, JsonNode operation) {
        String name = method + " " + template;
        String stranger = DevTokens.user(STRANGER);
        if (!template.contains("{")) {
            if ("GET".equals(method)) {
                cases++;
                Response list = send(method, template, stranger, null, null);
                String body = list.asString();
                if (list.statusCode() != 200) {
                    failures.add(name + " as a stranger: " + list.statusCode() + " " + body);
                }
                owned.values().forEach(ids -> ids.values().stream().filter(body::contains)
                        .forEach(id -> failures.add(name + " shows a stranger the owner's " + id)));
            }
            return;
        }
        if (publicPaths.stream().anyMatch(template::startsWith)) {
            return;
        }
        Map.Entry<String, Map<String, String>> object = owned.entrySet().stream()
                .filter(each -> template.startsWith(each.getKey()))
                .max(java.util.Comparator.comparingInt(each -> each.getKey().length())).orElse(null);
        if (object == null) {
            cases++;
            failures.add(name + ": users may call it but the test registers no owned object under it (owned(...))");
            return;
        }
        String path = template;
        for (Map.Entry<String, String> value : object.getValue().entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        String body = "{}";
        if (operation.has("requestBody")) {
            body = bodies.get(name);
            if (body == null) {
                cases++;
                failures.add(name + ": give a valid body with body(\"" + name + "\", ...) so a stranger reaches the owner check");
                return;
            }
        }
        expect(name + " as a stranger on the owner's object", operation, send(method, path, stranger, body, "application/json"),
                404);
        if ("GET".equals(method)) {
            cases++;
            int status = send(method, path, DevTokens.user(OWNER), null, null).statusCode();
            if (status != 200) {
                failures.add(name + " as its owner: " + status + ", so the stranger's 404 proves nothing");
            }
        }
    }

    /** The operation with each parameter's schema reference (UUID, LocalDate, enums are components) resolved in place. */
    private static JsonNode resolved(JsonNode document, JsonNode operation) {
        JsonNode copy = operation.deepCopy();
        for (JsonNode parameter : copy.path("parameters")) {
            JsonNode schema = parameter.path("schema");
            if (schema.has("$ref")) {
                String name = schema.path("$ref").asText().replace("#/components/schemas/", "");
                ((com.fasterxml.jackson.databind.node.ObjectNode) parameter).set("schema",
                        document.path("components").path("schemas").path(name));
            }
        }
        return copy;
    }

    /** The path with every parameter filled with a plausible value, or "not-valid" for {@code broken}. */
    private static String fill(String template, JsonNode operation, String broken) {
        String path = template;
        for (JsonNode parameter : operation.path("parameters")) {
            if (!"path".equals(parameter.path("in").asText())) {
                continue;
            }
            String name = parameter.path("name").asText();
            JsonNode schema = parameter.path("schema");
            String value = name.equals(broken) ? "not-valid"
                    : "integer".equals(schema.path("type").asText()) ? "987654321"
                    : "date".equals(schema.path("format").asText()) ? "2027-03-01"
                    : "uuid".equals(schema.path("format").asText()) ? UUID.randomUUID().toString()
                    : "matrix-" + UUID.randomUUID();
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    private static String tokenFor(List<String> callers) {
        if (callers.contains("admin")) {
            return DevTokens.admin("matrix-admin");
        }
        if (callers.contains("service")) {
            return DevTokens.service("matrix-service");
        }
        return DevTokens.user("matrix-user");
    }

    private static Map<String, String> badTokens(String valid) {
        Map<String, String> tokens = new TreeMap<>();
        tokens.put("no token", null);
        tokens.put("an expired token", DevTokens.sign("matrix-admin", Instant.now().minus(Duration.ofHours(2)),
                Duration.ofHours(1), DevTokens.ISSUER, "admin"));
        tokens.put("another issuer's token", DevTokens.sign("matrix-admin", Instant.now(), Duration.ofHours(1), "someone-else",
                "admin"));
        String[] parts = valid.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"
                .getBytes(StandardCharsets.UTF_8));
        tokens.put("alg none", none + "." + parts[1] + ".");
        tokens.put("a tampered token", parts[0] + "." + parts[1] + "." + (parts[2].startsWith("A") ? "B" : "A")
                + parts[2].substring(1));
        return tokens;
    }

    private static Map<String, byte[]> hostileBodies() {
        Map<String, byte[]> bodies = new TreeMap<>();
        bodies.put("malformed JSON", "{\"a\":".getBytes(StandardCharsets.UTF_8));
        bodies.put("a key given twice", "{\"reason\":\"a\",\"reason\":\"b\"}".getBytes(StandardCharsets.UTF_8));
        bodies.put("a NUL in text", "{\"reason\":\"a\\u0000b\",\"name\":\"a\\u0000b\"}".getBytes(StandardCharsets.UTF_8));
        bodies.put("a byte order mark", "\uFEFF{}".getBytes(StandardCharsets.UTF_8));
        bodies.put("UTF-16", "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE));
        bodies.put("text/plain", "erin".getBytes(StandardCharsets.UTF_8));
        bodies.put("a number instead of an object", "5".getBytes(StandardCharsets.UTF_8));
        bodies.put("an unknown property", "{\"matrixUnknown\":true}".getBytes(StandardCharsets.UTF_8));
        bodies.put("two documents", "{}{}".getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    private static Response send(String method, String path, String token, Object body, String contentType) {
        RequestSpecification request = given().header("Idempotency-Key", "matrix-" + UUID.randomUUID())
                .header("Business-Reference", "matrix-" + UUID.randomUUID());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null && !"GET".equals(method) && !"DELETE".equals(method)) {
            request.contentType(contentType);
            if (body instanceof byte[] bytes) {
                request.body(bytes);
            } else {
                request.body((String) body);
            }
        }
        return request.request(method, path);
    }

    private void expect(String what, JsonNode operation, Response response, int... statuses) {
        cases++;
        int status = response.statusCode();
        boolean expected = false;
        for (int each : statuses) {
            expected |= status == each;
        }
        String type = response.contentType() == null ? "" : response.contentType();
        if (!expected || !type.startsWith("application/problem+json")) {
            String body = response.asString();
            failures.add(what + ": " + status + " " + type + " " + (body.length() > 200 ? body.substring(0, 200) : body));
            return;
        }
        // The code met must be one the operation documents, with an example, under that status.
        String code = response.jsonPath().getString("code");
        JsonNode examples = operation.path("responses").path(String.valueOf(status)).path("content")
                .path("application/problem+json").path("examples");
        if (!examples.has(code)) {
            failures.add(what + ": answered " + status + " " + code + ", which the operation does not document");
        }
    }

    /** Every table's row count: hostile requests must not have written anything. */
    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, io.exactsuite.common.db.EmbeddedDatabase.USERNAME, "");
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }
}
