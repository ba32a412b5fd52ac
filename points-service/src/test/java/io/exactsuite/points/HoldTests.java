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
import static org.hamcrest.Matchers.nullValue;

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

    @Test
    void shouldPlaceOneHoldPerReferenceAndReleaseItWhenVoided() {
        String owner = newOwner();
        String account = accountWith(owner, 50);
        String reference = "order:" + key() + ":points-hold";
        String hold = holdUnder(owner, account, reference).then().statusCode(201).extract().path("id");

        holdUnder(owner, account, reference).then().statusCode(200).header("Business-Replayed", "true")
                .body("id", equalTo(hold)).body("status", equalTo("HELD"));
        PointsApi.account(account).body("held", equalTo(30));

        for (int attempt = 0; attempt < 2; attempt++) {
            voidHold(account, reference).then().statusCode(200).body("status", equalTo("RELEASED"))
                    .body("holdId", equalTo(hold)).body("reference", equalTo(reference));
        }
        PointsApi.account(account).body("balance", equalTo(50)).body("held", equalTo(0));
        assertConsistent(account);
    }

    @Test
    void shouldRefuseAHoldThatArrivesAfterItsReferenceWasVoided() {
        String owner = newOwner();
        String account = accountWith(owner, 50);
        String reference = "order:" + key() + ":points-hold";

        voidHold(account, reference).then().statusCode(200).body("status", equalTo("VOIDED")).body("holdId", nullValue());
        holdUnder(owner, account, reference).then().statusCode(409).body("code", equalTo("hold_voided"));

        PointsApi.account(account).body("balance", equalTo(50)).body("held", equalTo(0));
        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).header("Business-Reference", reference)
                .post("/accounts/{id}/holds/void", accountWith(newOwner(), 10))
                .then().statusCode(409).body("code", equalTo("reference_conflict"));
        given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key()).header("Business-Reference", reference)
                .post("/accounts/{id}/holds/void", account).then().statusCode(403);
    }

    /** Whichever of a hold and its void lands first, no points stay held: the account's row lock orders them. */
    @Test
    void shouldLeaveNothingHeldWhenAHoldRacesItsVoid() {
        String owner = newOwner();
        String account = accountWith(owner, 1_000);
        Http http = new Http(base.toString());
        int placedFirst = 0;
        for (int round = 0; round < 20; round++) {
            String reference = "order:" + key() + ":points-hold";
            Map<String, String> header = Map.of("Business-Reference", reference);
            List<Http.Reply> replies = Race.run(2, i -> () -> i == 0
                    ? http.post("/accounts/" + account + "/holds", DevTokens.user(owner), key(),
                            "{\"points\":10,\"ttlSeconds\":600}", header)
                    : http.post("/accounts/" + account + "/holds/void", SERVICE, key(), null, header));

            assertThat(replies.get(1).status()).as("void in round %d", round).isEqualTo(200);
            boolean held = replies.get(0).status() == 201;
            assertThat(held || replies.get(0).status() == 409).as("hold in round %d: %s", round, replies.get(0)).isTrue();
            placedFirst += held ? 1 : 0;
            PointsApi.account(account).body("held", equalTo(0));
        }
        assertThat(balance(account)).isEqualTo(1_000);
        assertConsistent(account);
        System.out.printf("hold placed before its void in %d of 20 rounds%n", placedFirst);
    }

    private static io.restassured.response.Response holdUnder(String owner, String account, String reference) {
        return given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key())
                .header("Business-Reference", reference).contentType(ContentType.JSON)
                .body("{\"points\":30,\"ttlSeconds\":600}").post("/accounts/{id}/holds", account);
    }

    private static io.restassured.response.Response voidHold(String account, String reference) {
        return given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).header("Business-Reference", reference)
                .post("/accounts/{id}/holds/void", account);
    }

    static String placeHold(String owner, String account, long points, int ttlSeconds) {
        return given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key())
                .contentType(ContentType.JSON).body("{\"points\":" + points + ",\"ttlSeconds\":" + ttlSeconds + "}")
                .post("/accounts/{id}/holds", account)
                .then().statusCode(201).body("status", equalTo("HELD")).body("expiresAt", notNullValue())
                .extract().path("id");
    }
}
