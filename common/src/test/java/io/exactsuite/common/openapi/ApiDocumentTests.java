package io.exactsuite.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
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
}
