package io.exactsuite.common.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Finishes every service's OpenAPI document the same way (registered as {@code mp.openapi.filter}): each
 * operation gets a description that says who may call it (the roles, which the generator files as scopes
 * of the bearer scheme although JWT bearer has no scopes; also as {@code x-callers}), and every tag an
 * operation uses is declared. Every error an operation can answer is documented as a problem+json response
 * with one example body per problem {@code code}: the codes an operation's own {@code @APIResponse}
 * descriptions name ({@code "sold_out (names product and date), insufficient_points"}), plus the ones every
 * operation of its shape can meet (a token refused, a malformed body, an unknown id, a reused idempotency key, its
 * database failing over).
 */
public class ApiDocument implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        TreeSet<String> used = new TreeSet<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> each : path.getValue().getOperations().entrySet()) {
                    finish(each.getKey(), path.getKey(), each.getValue());
                    if (each.getValue().getTags() != null) {
                        used.addAll(each.getValue().getTags());
                    }
                }
            }
        }
        List<String> declared = new ArrayList<>();
        if (openAPI.getTags() != null) {
            openAPI.getTags().forEach(tag -> declared.add(tag.getName()));
        }
        for (String tag : used) {
            if (!declared.contains(tag)) {
                Tag defined = OASFactory.createTag().name(tag).description("Operations of " + tag);
                openAPI.addTag(defined);
            }
        }
    }

    private static void finish(PathItem.HttpMethod method, String path, Operation operation) {
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if ("Idempotency-Key".equals(parameter.getName()) && parameter.getExample() == null) {
                    parameter.setExample("6f1c2a9e-4b7d-4e0a-9c3b-2d8e5f7a1b40");
                    if (parameter.getDescription() == null) {
                        parameter.setDescription("A key you choose per request (1-255 printable characters, a UUID is "
                                + "best); the same key again replays the first answer instead of acting twice");
                    }
                }
            }
        }
        List<String> roles = new ArrayList<>();
        if (operation.getSecurity() != null) {
            List<SecurityRequirement> cleaned = new ArrayList<>();
            for (SecurityRequirement requirement : operation.getSecurity()) {
                SecurityRequirement plain = OASFactory.createSecurityRequirement();
                Map<String, List<String>> schemes = requirement.getSchemes() == null ? Map.of() : requirement.getSchemes();
                for (Map.Entry<String, List<String>> scheme : new LinkedHashMap<>(schemes).entrySet()) {
                    if (scheme.getValue() != null) {
                        roles.addAll(scheme.getValue());
                    }
                    plain.addScheme(scheme.getKey(), new ArrayList<>());
                }
                cleaned.add(plain);
            }
            operation.setSecurity(cleaned);
        }
        String description = operation.getDescription();
        if (description == null || description.isBlank()) {
            description = operation.getSummary() != null && !operation.getSummary().isBlank()
                    ? operation.getSummary() + "."
                    : method + " " + path + ".";
        }
        if (!roles.isEmpty() && !description.contains("Callers:")) {
            description = description + " Callers: " + String.join(", ", roles.stream().distinct().toList())
                    + " (the token's groups).";
        }
        operation.setDescription(description);
        if (!roles.isEmpty()) {
            operation.addExtension(CALLERS, roles.stream().distinct().toList()); // for tools: EndpointMatrix reads it
        }
        documentProblems(operation, !roles.isEmpty());
    }

    /** The problem codes every operation of a shape can answer, by status. */
    private static Map<String, List<String>> shapeCodes(Operation operation, boolean secured) {
        boolean body = operation.getRequestBody() != null;
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean pathParameters = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
        boolean typedParameters = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH || p.getIn() == Parameter.In.QUERY);
        boolean idempotent = parameters.stream().anyMatch(p -> "Idempotency-Key".equals(p.getName()));
        Map<String, List<String>> codes = new TreeMap<>();
        List<String> invalid = new ArrayList<>();
        if (typedParameters) {
            invalid.add("invalid_parameter");
        }
        if (body) {
            invalid.addAll(List.of("validation_failed", "malformed_json", "duplicate_key", "invalid_text", "invalid_value",
                    "unknown_property", "invalid_encoding"));
        }
        if (idempotent) {
            invalid.addAll(List.of("idempotency_key_missing", "idempotency_key_invalid"));
        }
        if (!invalid.isEmpty()) {
            codes.put("400", invalid);
        }
        if (secured) {
            codes.put("401", List.of("unauthorized"));
            codes.put("403", List.of("forbidden"));
        }
        if (pathParameters) {
            codes.put("404", List.of("not_found"));
        }
        if (idempotent) {
            codes.put("409", List.of("idempotency_key_in_flight"));
            codes.put("422", List.of("idempotency_key_reused"));
        }
        if (body) {
            codes.put("413", List.of("payload_too_large"));
            codes.put("415", List.of("unsupported_media_type"));
        }
        codes.put("503", List.of("database_unavailable"));
        return codes;
    }

    private static void documentProblems(Operation operation, boolean secured) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        Map<String, List<String>> codes = new TreeMap<>();
        Map<String, String> explained = new TreeMap<>();
        Map<String, APIResponse> declared = operation.getResponses().getAPIResponses() == null ? Map.of()
                : operation.getResponses().getAPIResponses();
        for (Map.Entry<String, APIResponse> response : declared.entrySet()) {
            if (isError(response.getKey()) && response.getValue().getDescription() != null) {
                codes.put(response.getKey(), new ArrayList<>(namedCodes(response.getValue().getDescription(), explained)));
            }
        }
        shapeCodes(operation, secured).forEach((status, more) -> {
            List<String> list = codes.computeIfAbsent(status, s -> new ArrayList<>());
            more.stream().filter(code -> !list.contains(code)).forEach(list::add);
        });
        for (Map.Entry<String, List<String>> status : codes.entrySet()) {
            APIResponse response = operation.getResponses().getAPIResponse(status.getKey());
            if (response == null) {
                response = OASFactory.createAPIResponse().description(String.join(", ", status.getValue()));
                operation.getResponses().addAPIResponse(status.getKey(), response);
            }
            if (response.getContent() != null && response.getContent().getMediaType(PROBLEM_TYPE) != null) {
                continue;
            }
            org.eclipse.microprofile.openapi.models.media.MediaType media = OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref(PROBLEM));
            int code = Integer.parseInt(status.getKey());
            for (String each : status.getValue()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", "https://exactsuite.io/problems/" + each);
                body.put("title", title(code));
                body.put("status", code);
                body.put("detail", explained.getOrDefault(each, STANDARD_DETAILS.getOrDefault(each, "Refused: " + each.replace('_', ' '))));
                body.put("code", each);
                if ("validation_failed".equals(each)) {
                    body.put("errors", List.of(Map.of("field", "lines[0].quantity", "message", "must be greater than 0")));
                }
                media.addExample(each, OASFactory.createExample().summary(each).value(body));
            }
            response.content(OASFactory.createContent().addMediaType(PROBLEM_TYPE, media));
        }
    }

    private static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static final Pattern CODE = Pattern.compile("\\b([a-z]+(?:_[a-z]+)+)\\b(?::\\s*([^;]+))?");

    /** The snake_case codes a response description names, with the explanation after "code:" where it gives one. */
    static List<String> namedCodes(String description, Map<String, String> explained) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = CODE.matcher(description);
        while (matcher.find()) {
            if (!codes.contains(matcher.group(1))) {
                codes.add(matcher.group(1));
            }
            if (matcher.group(2) != null) {
                String text = matcher.group(2).trim();
                explained.putIfAbsent(matcher.group(1), Character.toUpperCase(text.charAt(0)) + text.substring(1));
            }
        }
        return codes;
    }

    /** The one title each status's problems carry (ApiException's and ProblemMappers' titles). */
    static String title(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Unprocessable request";
            case 429 -> "Too many requests";
            case 502 -> "Bad gateway";
            case 503 -> "Service unavailable";
            default -> "Internal error";
        };
    }

    private static final Map<String, String> STANDARD_DETAILS = Map.ofEntries(
            Map.entry("invalid_parameter", "Path parameter id is not a valid UUID"),
            Map.entry("validation_failed", "Invalid fields: lines[0].quantity"),
            Map.entry("malformed_json", "The request body is not valid JSON"),
            Map.entry("duplicate_key", "The request body gives reason more than once"),
            Map.entry("invalid_text", "reason must not contain control characters"),
            Map.entry("invalid_value", "amount has a value of the wrong type or range"),
            Map.entry("unknown_property", "Unknown property: amout"),
            Map.entry("invalid_encoding", "The request body is not valid UTF-8"),
            Map.entry("idempotency_key_missing", "The Idempotency-Key header is required"),
            Map.entry("idempotency_key_invalid", "The Idempotency-Key must be 1-255 printable characters"),
            Map.entry("unauthorized", "A valid bearer token is required"),
            Map.entry("forbidden", "This caller may not perform this action"),
            Map.entry("not_found", "It was not found (or belongs to someone else)"),
            Map.entry("idempotency_key_in_flight", "A request with this Idempotency-Key is still being processed"),
            Map.entry("idempotency_key_reused", "This Idempotency-Key was used with a different request"),
            Map.entry("payload_too_large", "The request body is larger than 1048576 bytes"),
            Map.entry("unsupported_media_type", "Send the body as application/json"),
            Map.entry("rate_limited", "Too many requests from this caller; retry after the Retry-After pause"),
            Map.entry("database_unavailable", "The service's database is unavailable; send the same request again, "
                    + "with the same Idempotency-Key, after the pause"));

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text).addProperty("message", text);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; read `code`, it is stable (titles and details are for people)")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", text)
                .addProperty("code", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .required(List.of("type", "title", "status", "code"));
    }

    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_TYPE = "application/problem+json";

    /** The extension listing the groups whose tokens may call an operation. */
    public static final String CALLERS = "x-callers";
}
