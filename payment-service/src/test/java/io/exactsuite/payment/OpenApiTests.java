package io.exactsuite.payment;

import static io.restassured.RestAssured.given;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.EndpointMatrix;
import io.exactsuite.testing.OpenApiContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document passes Spectral's OAS ruleset with no warnings (see .spectral.yaml), and every operation it
 * lists stands the hostile matrix (EndpointMatrix): 401s, 403s, 400s and 415s as problems, nothing written.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class OpenApiTests extends OpenApiContract {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Override
    protected String service() {
        return "payment-service";
    }

    @Test
    void shouldAnswerEveryOperationsHostileCasesWithProblemsAndWriteNothing() throws Exception {
        JsonPath payment = given().auth().oauth2(PaymentsApi.SERVICE).header("Idempotency-Key", PaymentsApi.key())
                .contentType("application/json").body("{\"purpose\":\"VOTES\",\"purposeId\":\"" + UUID.randomUUID()
                        + "\",\"payerId\":\"" + EndpointMatrix.OWNER + "\",\"amount\":\"5.00\",\"currency\":\"EUR\"}")
                .post("/payments").then().statusCode(201).extract().jsonPath();
        new EndpointMatrix(jdbcUrl)
                .owned("/payments/{id}", "id", payment.getString("id"))
                .owned("/payments/{reference}", "reference", payment.getString("reference"))
                .run("payment-service");
    }
}
