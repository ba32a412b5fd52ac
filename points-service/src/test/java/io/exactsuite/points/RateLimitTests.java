package io.exactsuite.points;

import static io.exactsuite.points.PointsApi.accountWith;
import static io.exactsuite.points.PointsApi.balance;
import static io.exactsuite.points.PointsApi.key;
import static io.exactsuite.points.PointsApi.newOwner;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spends are limited per user (3 a minute here); other users and the suite's services are not held back. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@TestProfile(RateLimitTests.Limited.class)
class RateLimitTests {

    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("suite.rate-limits.enabled", "true", "suite.rate-limits.spend.per-minute", "3");
        }
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceAUserSpendsTooOftenAndWriteNothing() {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        for (int i = 0; i < 3; i++) {
            spend(DevTokens.user(owner), account).statusCode(201);
        }
        spend(DevTokens.user(owner), account).statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("rate_limited")).header("Retry-After", equalTo("20"));
        assertThat(balance(account)).isEqualTo(97);

        String other = newOwner();
        spend(DevTokens.user(other), accountWith(other, 10)).statusCode(201);
        for (int i = 0; i < 5; i++) {
            spend(PointsApi.SERVICE, account).statusCode(201);
        }
        assertThat(balance(account)).isEqualTo(92);
    }

    private static ValidatableResponse spend(String token, String account) {
        return given().auth().oauth2(token).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"points\":1,\"reason\":\"r\"}").post("/accounts/{id}/spend", account).then();
    }
}
