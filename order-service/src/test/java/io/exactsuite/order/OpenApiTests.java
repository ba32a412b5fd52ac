package io.exactsuite.order;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.EndpointMatrix;
import io.exactsuite.testing.OpenApiContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document passes Spectral's OAS ruleset with no warnings (see .spectral.yaml), and every operation it
 * lists stands the hostile matrix (EndpointMatrix): 401s, 403s, 400s and 415s as problems, nothing written.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class OpenApiTests extends OpenApiContract {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Override
    protected String service() {
        return "order-service";
    }

    @Test
    void shouldAnswerEveryOperationsHostileCasesWithProblemsAndWriteNothing() throws Exception {
        String product = OrdersApi.product("9.00", "USD", 10);
        String order = OrdersApi.order(DevTokens.user(EndpointMatrix.OWNER), OrdersApi.lines(OrdersApi.line(product, 1)))
                .statusCode(201).extract().path("id");
        new EndpointMatrix(jdbcUrl)
                .owned("/orders/{id}", "id", order)
                .everyoneMayRead("/products/{id}")
                .run("order-service");
    }
}
