package io.exactsuite.points;

import static io.exactsuite.points.PointsApi.SERVICE;
import static io.exactsuite.points.PointsApi.accountWith;
import static io.exactsuite.points.PointsApi.assertConsistent;
import static io.exactsuite.points.PointsApi.balance;
import static io.exactsuite.points.PointsApi.key;
import static io.exactsuite.points.PointsApi.newOwner;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.Http;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class HoldTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldCaptureHeldPointsOnceWithOneLedgerEntry() {
        String owner = newOwner();
        String account = accountWith(owner, 50);
        String hold = placeHold(owner, account, 30, 600);

        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).post("/holds/{id}/capture", hold)
                .then().statusCode(201).body("type", equalTo("CAPTURE")).body("points", equalTo(-30))
                .body("balanceAfter", equalTo(20)).body("holdId", equalTo(hold));

        given().auth().oauth2(DevTokens.user(owner)).get("/holds/{id}", hold)
                .then().statusCode(200).body("status", equalTo("CAPTURED")).body("endedAt", notNullValue());
        PointsApi.account(account).body("balance", equalTo(20)).body("held", equalTo(0)).body("available", equalTo(20));
        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).post("/holds/{id}/release", hold)
                .then().statusCode(409).body("code", equalTo("hold_not_active"));
        assertConsistent(account);
    }

    @Test
    void shouldRefuseCaptureAfterRelease() {
        String owner = newOwner();
        String account = accountWith(owner, 50);
        String hold = placeHold(owner, account, 30, 600);

        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).post("/holds/{id}/release", hold)
                .then().statusCode(200).body("status", equalTo("RELEASED"));
        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).post("/holds/{id}/capture", hold)
                .then().statusCode(409).body("code", equalTo("hold_not_active"));

        PointsApi.account(account).body("balance", equalTo(50)).body("held", equalTo(0));
        assertConsistent(account);
    }

    @Test
    void shouldReleaseExpiredHoldsAndRefuseToCaptureThem() {
        String owner = newOwner();
        String account = accountWith(owner, 50);
        String hold = placeHold(owner, account, 20, 1);

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(SERVICE).get("/holds/{id}", hold).then().body("status", equalTo("EXPIRED")));

        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).post("/holds/{id}/capture", hold)
                .then().statusCode(409).body("code", equalTo("hold_not_active"));
        PointsApi.account(account).body("balance", equalTo(50)).body("held", equalTo(0)).body("available", equalTo(50));
        assertConsistent(account);
    }

    @Test
    void shouldLetExactlyOneOfConcurrentCaptureAndReleaseWin() {
        String owner = newOwner();
        String account = accountWith(owner, 1_000);
        Http http = new Http(base.toString());
        int captured = 0;
        for (int round = 0; round < 10; round++) {
            String hold = placeHold(owner, account, 10, 600);
            List<Http.Reply> replies = Race.run(20, i -> () ->
                    http.post("/holds/" + hold + (i % 2 == 0 ? "/capture" : "/release"), SERVICE, key(), null));

            Map<Integer, Long> statuses = SpendRaceTests.countBy(replies.stream().map(Http.Reply::status).toList());
            assertThat(statuses.get(409)).as("losers in round %d", round).isEqualTo(19L);
            assertThat(statuses.getOrDefault(200, 0L) + statuses.getOrDefault(201, 0L)).isEqualTo(1L);
            captured += statuses.getOrDefault(201, 0L).intValue();
        }
        assertThat(balance(account)).isEqualTo(1_000 - 10L * captured);
        PointsApi.account(account).body("held", equalTo(0));
        assertConsistent(account);
    }

    static String placeHold(String owner, String account, long points, int ttlSeconds) {
        return given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key())
                .contentType(ContentType.JSON).body("{\"points\":" + points + ",\"ttlSeconds\":" + ttlSeconds + "}")
                .post("/accounts/{id}/holds", account)
                .then().statusCode(201).body("status", equalTo("HELD")).body("expiresAt", notNullValue())
                .extract().path("id");
    }
}
