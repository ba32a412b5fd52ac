package io.exactsuite.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every service serves whatever its domain: health (ready checks the database), Prometheus
 * metrics, OpenAPI with bearer auth, Swagger UI. A service's test extends this as a {@code @QuarkusTest}.
 */
public abstract class OperationsContract {

    @Test
    void shouldBeLiveAndReadyWithItsDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("Database connections health check"));
    }

    @Test
    void shouldServeMetricsOpenApiAndSwaggerUi() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.SecurityScheme.scheme", equalTo("bearer"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void shouldAnswerUnknownPathsWithProblemJson() {
        given().get("/no-such-path").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("not_found"));
    }
}
