package io.exactsuite.points;

import static io.restassured.RestAssured.given;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.EndpointMatrix;
import io.exactsuite.testing.OpenApiContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document passes Spectral's OAS ruleset with no warnings (see .spectral.yaml), and every operation it
 * lists stands the hostile matrix (EndpointMatrix): 401s, 403s, 400s and 415s as problems, a stranger's 404 on the
 * owner's account, entry and hold, nothing written.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class OpenApiTests extends OpenApiContract {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Override
    protected String service() {
        return "points-service";
    }

    @Test
    void shouldAnswerEveryOperationsHostileCasesWithProblemsAndWriteNothing() throws Exception {
        String owner = DevTokens.user(EndpointMatrix.OWNER);
        String account = given().auth().oauth2(owner).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType("application/json").body("{\"ownerId\":\"" + EndpointMatrix.OWNER + "\"}")
                .post("/accounts").then().statusCode(201).extract().path("id");
        given().auth().oauth2(DevTokens.admin("matrix-admin")).header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Business-Reference", "matrix-earn").contentType("application/json")
                .body("{\"points\":100,\"reason\":\"matrix\"}").post("/accounts/" + account + "/earn").then().statusCode(201);
        Object entry = given().auth().oauth2(owner).header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Business-Reference", "matrix-spend").contentType("application/json")
                .body("{\"points\":1,\"reason\":\"matrix\"}").post("/accounts/" + account + "/spend").then().statusCode(201)
                .extract().path("id");
        String hold = given().auth().oauth2(owner).header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Business-Reference", "matrix-hold").contentType("application/json")
                .body("{\"points\":1,\"ttlSeconds\":600}").post("/accounts/" + account + "/holds").then().statusCode(201)
                .extract().path("id");
        new EndpointMatrix(jdbcUrl)
                .owned("/accounts/{id}", "id", account)
                .owned("/entries/{id}", "id", String.valueOf(entry))
                .owned("/holds/{id}", "id", hold)
                .body("POST /accounts/{id}/spend", "{\"points\":1,\"reason\":\"stranger\"}")
                .body("POST /accounts/{id}/holds", "{\"points\":1,\"ttlSeconds\":60}")
                .run("points-service");
    }
}
