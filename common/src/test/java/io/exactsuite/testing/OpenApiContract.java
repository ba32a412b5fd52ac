package io.exactsuite.testing;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

/**
 * Every service's OpenAPI document passes Spectral's OAS ruleset with no finding (see .spectral.yaml). A service's
 * OpenApiTests extends this as a {@code @QuarkusTest} and adds its hostile matrix (EndpointMatrix) with the objects
 * its stranger cases need.
 */
public abstract class OpenApiContract {

    /** The service's name, as the lint reports it. */
    protected abstract String service();

    @Test
    void shouldPassSpectralWithNoFindings() throws Exception {
        String document = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        OpenApiLint.assertClean(document, service());
    }
}
