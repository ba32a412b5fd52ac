package io.exactsuite.voting;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.EndpointMatrix;
import io.exactsuite.testing.OpenApiContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document passes Spectral's OAS ruleset with no warnings (see .spectral.yaml), and every operation it
 * lists stands the hostile matrix (EndpointMatrix): 401s, 403s, 400s and 415s as problems, nothing written.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(PaymentStandIn.class)
class OpenApiTests extends OpenApiContract {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Override
    protected String service() {
        return "voting-service";
    }

    @Test
    void shouldAnswerEveryOperationsHostileCasesWithProblemsAndWriteNothing() throws Exception {
        JsonPath contest = VotingApi.contest("0.10", "USD", 2);
        String purchase = VotingApi.buy(DevTokens.user(EndpointMatrix.OWNER), contest.getString("id"),
                contest.getString("contestants[0].id"), 3).statusCode(201).extract().path("id");
        new EndpointMatrix(jdbcUrl)
                .owned("/purchases/{id}", "id", purchase)
                .everyoneMayRead("/contests/{id}")
                .run("voting-service");
    }
}
