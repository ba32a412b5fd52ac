package io.exactsuite.points;

import static io.restassured.RestAssured.given;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.OpenApiLint;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The OpenAPI document passes Spectral's OAS ruleset with no warnings (see .spectral.yaml). */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class OpenApiTests {

    @Test
    void shouldPassSpectralWithNoFindings() throws Exception {
        String document = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        OpenApiLint.assertClean(document, "points-service");
    }
}
