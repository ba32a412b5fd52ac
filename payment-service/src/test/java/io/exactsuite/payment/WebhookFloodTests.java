package io.exactsuite.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.payment.webhook.WebhookSignature;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guessing signatures is slow: past a few failures a minute, an address hears 429 instead of 400. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@TestProfile(WebhookFloodTests.Limited.class)
class WebhookFloodTests {

    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("suite.rate-limits.enabled", "true", "suite.rate-limits.failed-webhook.per-minute", "2");
        }
    }

    @Test
    void shouldAnswer429OnceAnAddressFailsTooOften() {
        String body = "{\"id\":\"evt_guess\",\"type\":\"charge.succeeded\",\"data\":{\"id\":\"ch_guess\"}}";
        for (int attempt = 0; attempt < 2; attempt++) {
            deliver(body, "t=1,v1=" + "0".repeat(64)).statusCode(400).contentType("application/problem+json");
        }
        deliver(body, "t=1,v1=" + "0".repeat(64)).statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("rate_limited")).header("Retry-After", equalTo("30"));
    }

    private static io.restassured.response.ValidatableResponse deliver(String body, String signature) {
        return given().header(WebhookSignature.HEADER, signature).contentType("application/json").body(body)
                .post("/webhooks/gateway").then();
    }
}
