package io.exactsuite.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

class ApiDocumentTests {

    @Test
    void shouldMoveRolesFromScopesIntoTheDescriptionAndDeclareEveryTag() {
        Operation spend = OASFactory.createOperation().summary("Spend").addTag("Account Ledger Resource")
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("jwt", List.of("user", "service")));
        Operation audit = OASFactory.createOperation().description("Recomputes the sums.").addTag("Account Resource");
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/accounts/{id}/spend", OASFactory.createPathItem().POST(spend))
                .addPathItem("/accounts/{id}/audit", OASFactory.createPathItem().GET(audit)));

        new ApiDocument().filterOpenAPI(document);

        assertThat(spend.getSecurity().get(0).getScheme("jwt")).isEmpty();
        assertThat(spend.getDescription()).isEqualTo("Spend. Callers: user, service (the token's groups).");
        assertThat(audit.getDescription()).isEqualTo("Recomputes the sums.");
        assertThat(document.getTags()).extracting(tag -> tag.getName())
                .containsExactly("Account Ledger Resource", "Account Resource");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldDocumentEveryNamedAndShapedProblemWithAnExampleBody() {
        Operation spend = OASFactory.createOperation()
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("jwt", List.of("user")))
                .addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH))
                .addParameter(OASFactory.createParameter().name("Idempotency-Key").in(Parameter.In.HEADER))
                .requestBody(OASFactory.createRequestBody())
                .responses(OASFactory.createAPIResponses().addAPIResponse("409", OASFactory.createAPIResponse()
                        .description("insufficient_points: fewer points available; reference_conflict: names another")));
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/accounts/{id}/spend", OASFactory.createPathItem().POST(spend)));

        new ApiDocument().filterOpenAPI(document);

        Map<String, APIResponse> responses = spend.getResponses().getAPIResponses();
        assertThat(responses).containsKeys("400", "401", "403", "404", "409", "413", "415", "422");
        Map<String, Example> conflicts = responses.get("409").getContent().getMediaType("application/problem+json").getExamples();
        assertThat(conflicts).containsOnlyKeys("insufficient_points", "reference_conflict", "idempotency_key_in_flight");
        assertThat((Map<String, Object>) conflicts.get("insufficient_points").getValue()).containsEntry("code", "insufficient_points")
                .containsEntry("status", 409).containsEntry("title", "Conflict")
                .containsEntry("detail", "Fewer points available");
        assertThat(responses.get("404").getContent().getMediaType("application/problem+json").getExamples())
                .containsOnlyKeys("not_found");
        assertThat(document.getComponents().getSchemas()).containsKey("Problem");
    }

    @Test
    void shouldReadCodesAndTheirExplanationsFromAResponseDescription() {
        Map<String, String> explained = new TreeMap<>();

        List<String> codes = ApiDocument.namedCodes("sold_out (names product and date), insufficient_points", explained);
        List<String> more = ApiDocument.namedCodes("hold_not_active: released or expired; reference_conflict: another hold",
                explained);

        assertThat(codes).containsExactly("sold_out", "insufficient_points");
        assertThat(more).containsExactly("hold_not_active", "reference_conflict");
        assertThat(explained).containsEntry("hold_not_active", "Released or expired")
                .containsEntry("reference_conflict", "Another hold").doesNotContainKey("sold_out");
    }
}
