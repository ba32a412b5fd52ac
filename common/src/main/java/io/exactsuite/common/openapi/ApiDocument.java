package io.exactsuite.common.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Finishes every service's OpenAPI document the same way (registered as {@code mp.openapi.filter}): each
 * operation gets a description that says who may call it (the roles, which the generator files as scopes
 * of the bearer scheme although JWT bearer has no scopes; also as {@code x-callers}), and every tag an
 * operation uses is declared.
 */
public class ApiDocument implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
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
    }

    /** The extension listing the groups whose tokens may call an operation. */
    public static final String CALLERS = "x-callers";
}
