package io.exactsuite.points;

import static io.exactsuite.points.PointsApi.accountWith;
import static io.exactsuite.points.PointsApi.balance;
import static io.exactsuite.points.PointsApi.entryCount;
import static io.exactsuite.points.PointsApi.key;
import static io.exactsuite.points.PointsApi.newOwner;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad request is a 4xx problem+json and leaves the account exactly as it was. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class BadInputTests {

    private String owner;
    private String account;

    @BeforeEach
    void account() {
        owner = newOwner();
        account = accountWith(owner, 50);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "zero points             | {\"points\":0,\"reason\":\"r\"}                      | validation_failed | points",
            "negative points         | {\"points\":-5,\"reason\":\"r\"}                     | validation_failed | points",
            "more than the cap       | {\"points\":1000000001,\"reason\":\"r\"}             | validation_failed | points",
            "beyond a long           | {\"points\":100000000000000000000,\"reason\":\"r\"}  | invalid_value     | points",
            "fractional points       | {\"points\":1.5,\"reason\":\"r\"}                    | invalid_value     | points",
            "points as a string      | {\"points\":\"5\",\"reason\":\"r\"}                  | invalid_value     | points",
            "points missing          | {\"reason\":\"r\"}                                  | validation_failed | points",
            "reason missing          | {\"points\":5}                                      | validation_failed | reason",
            "unknown field           | {\"points\":5,\"reason\":\"r\",\"bonus\":true}       | unknown_property  | bonus",
    })
    void shouldRejectBadSpendsAndWriteNothing(String name, String body, String code, String field) {
        spend(DevTokens.user(owner), key(), body)
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo(code)).body("status", equalTo(400))
                .body("errors.field", hasItem(field))
                .body(not(containsString("Exception")));
        assertUnchanged();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a key given twice       | {\"points\":5,\"reason\":\"r\",\"points\":5}     | duplicate_key     | points",
            "a NUL in text           | {\"points\":5,\"reason\":\"a\\u0000b\"}        | invalid_text      | reason",
            "a line break in text    | {\"points\":5,\"reason\":\"a\\nb\"}            | invalid_text      | reason",
            "a lone surrogate        | {\"points\":5,\"reason\":\"\\ud800\"}           | invalid_text      | reason",
            "a number as text        | {\"points\":5,\"reason\":5}                     | invalid_value     | reason",
            "a boolean as text       | {\"points\":5,\"reason\":true}                  | invalid_value     | reason",
    })
    void shouldRejectHostileJsonAndWriteNothing(String name, String body, String code, String field) {
        spend(DevTokens.user(owner), key(), body)
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo(code)).body("errors.field", hasItem(field))
                .body(not(containsString("Exception")));
        assertUnchanged();
    }

    @Test
    void shouldRejectBodiesThatAreNotJsonInUtf8() {
        byte[] bom = ("\uFEFF{\"points\":5,\"reason\":\"r\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] utf16 = "{\"points\":5,\"reason\":\"r\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] latin1 = "{\"points\":5,\"reason\":\"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (byte[] body : new byte[][] { bom, utf16, latin1 }) {
            given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key())
                    .contentType("application/json").body(body).post("/accounts/{id}/spend", account)
                    .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_encoding"));
        }
        for (String type : new String[] { "text/plain", "application/x-www-form-urlencoded", "application/json; charset=UTF-16" }) {
            given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key())
                    .contentType(type).body("{\"points\":5,\"reason\":\"r\"}")
                    .post("/accounts/{id}/spend", account)
                    .then().statusCode(415).contentType("application/problem+json").body("code", equalTo("unsupported_media_type"));
        }
        String stranger = newOwner();
        given().auth().oauth2(DevTokens.user(stranger)).header("Idempotency-Key", key()).contentType("text/plain")
                .body(stranger).post("/accounts")
                .then().statusCode(415).contentType("application/problem+json").body("code", equalTo("unsupported_media_type"));
        given().auth().oauth2(DevTokens.user(stranger)).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"ownerId\":\"" + stranger + "\"}").post("/accounts")
                .then().statusCode(201); // the text/plain attempt opened nothing
        assertUnchanged();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "page=abc                   | invalid_parameter | page",
            "page=1.5                   | invalid_parameter | page",
            "size=1.5                   | invalid_parameter | size",
            "page=99999999999           | invalid_parameter | page",
            "page=2147483647&size=100   | validation_failed | page",
            "page=-1                    | validation_failed | page",
    })
    void shouldNameAMalformedOrOutOfRangeQueryParameter(String query, String code, String field) {
        given().auth().oauth2(DevTokens.user(owner)).get("/accounts/{id}/entries?" + query, account)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo(code)).body("errors.field", hasItem(field));
    }

    @Test
    void shouldNameAMalformedIdInAPath() {
        given().auth().oauth2(DevTokens.user(owner)).get("/accounts/{id}", "not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_parameter")).body("errors.field", hasItem("id"));
        given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"points\":5,\"reason\":\"r\"}").post("/accounts/{id}/spend", account.substring(1))
                .then().statusCode(400).body("code", equalTo("invalid_parameter"));
    }

    @Test
    void shouldAnswerOversizedRequestsWithAProblem() {
        given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"points\":5,\"reason\":\"" + "r".repeat(2 * 1024 * 1024) + "\"}")
                .post("/accounts/{id}/spend", account)
                .then().statusCode(413).contentType("application/problem+json").body("code", equalTo("payload_too_large"));
        given().auth().oauth2(DevTokens.user(owner)).get("/accounts/{id}/entries?x=" + "a".repeat(10_000), account)
                .then().statusCode(414).contentType("application/problem+json").body("code", equalTo("uri_too_long"));
        given().auth().oauth2(DevTokens.user(owner)).header("X-Big", "b".repeat(40_000)).get("/accounts/{id}", account)
                .then().statusCode(431).contentType("application/problem+json")
                .body("code", equalTo("request_header_fields_too_large"));
        assertUnchanged();
    }

    @Test
    void shouldRejectMalformedJson() {
        spend(DevTokens.user(owner), key(), "{\"points\":5,").statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("malformed_json"));
        assertUnchanged();
    }

    @Test
    void shouldRejectAMissingBody() {
        given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .post("/accounts/{id}/spend", account)
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("validation_failed"));
        assertUnchanged();
    }

    @Test
    void shouldRequireAnIdempotencyKey() {
        spend(DevTokens.user(owner), null, "{\"points\":5,\"reason\":\"r\"}")
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("idempotency_key_missing"));
        assertUnchanged();
    }

    @Test
    void shouldRejectAnOversizedIdempotencyKey() {
        spend(DevTokens.user(owner), "k".repeat(256), "{\"points\":5,\"reason\":\"r\"}")
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("idempotency_key_invalid"));
        assertUnchanged();
    }

    @Test
    void shouldAnswerSomeoneElsesAccountAsNotFound() {
        String stranger = DevTokens.user(newOwner());
        spend(stranger, key(), "{\"points\":5,\"reason\":\"r\"}")
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
        given().auth().oauth2(stranger).get("/accounts/{id}", account).then().statusCode(404);
        given().auth().oauth2(stranger).get("/accounts/{id}/entries", account).then().statusCode(404);
        given().auth().oauth2(stranger).get("/accounts/{id}/audit", account).then().statusCode(404);
        assertUnchanged();
    }

    @Test
    void shouldNotLetAUserEarnPointsOrOpenSomeoneElsesAccount() {
        given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"points\":5,\"reason\":\"free points\"}").post("/accounts/{id}/earn", account)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"ownerId\":\"somebody-else\"}").post("/accounts")
                .then().statusCode(403).contentType("application/problem+json");
        assertUnchanged();
    }

    /** Earning, capturing and reversing belong to order-service: another service's token is 403. */
    @Test
    void shouldLetOnlyOrderServiceEarnOrMoveHolds() {
        String votingService = DevTokens.service("voting-service");
        given().auth().oauth2(votingService).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"points\":5,\"reason\":\"free points\"}").post("/accounts/{id}/earn", account)
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
        String hold = given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"points\":10,\"ttlSeconds\":600}").post("/accounts/{id}/holds", account)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(votingService).header("Idempotency-Key", key()).post("/holds/{id}/capture", hold)
                .then().statusCode(403);
        given().auth().oauth2(PointsApi.SERVICE).header("Idempotency-Key", key()).post("/holds/{id}/release", hold)
                .then().statusCode(200);
        assertUnchanged();
    }

    /** CORS is off unless configured: another site's page gets no permission to call with a user's token. */
    @Test
    void shouldSendNoCorsHeaders() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/accounts/{id}/spend", account)
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(DevTokens.user(owner)).header("Origin", "https://evil.example").get("/accounts/{id}", account)
                .then().statusCode(200).header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void shouldRefuseASecondAccountForTheSameOwner() {
        given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"ownerId\":\"" + owner + "\"}").post("/accounts")
                .then().statusCode(409).body("code", equalTo("account_exists"));
    }

    @Test
    void shouldRefuseSpendingMoreThanAvailable() {
        spend(DevTokens.user(owner), key(), "{\"points\":51,\"reason\":\"r\"}")
                .statusCode(409).contentType("application/problem+json").body("code", equalTo("insufficient_points"));
        assertUnchanged();
    }

    @Test
    void shouldRejectExpiredForgedAndMissingTokens() {
        String expired = DevTokens.sign(owner, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1),
                DevTokens.ISSUER, "user");
        String wrongIssuer = DevTokens.sign(owner, Instant.now(), Duration.ofHours(1), "someone-else", "user");
        String valid = DevTokens.user(owner);
        String tampered = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);

        for (String token : new String[] { expired, wrongIssuer, tampered, "not-a-jwt" }) {
            spend(token, key(), "{\"points\":5,\"reason\":\"r\"}")
                    .statusCode(401).contentType("application/problem+json").body("code", equalTo("unauthorized"));
        }
        given().header("Idempotency-Key", key()).contentType(ContentType.JSON).body("{\"points\":5,\"reason\":\"r\"}")
                .post("/accounts/{id}/spend", account).then().statusCode(401).contentType("application/problem+json");
        assertUnchanged();
    }

    /** Hold and ledger endpoints share AccountResource's class path, so a wrong method stays 405, not 404. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "GET, earn", "GET, spend", "GET, holds", "DELETE, earn", "POST, entries", "POST, audit" })
    void shouldAnswerAWrongMethodOnAnAccountPathAsMethodNotAllowed(String method, String path) {
        given().auth().oauth2(PointsApi.ADMIN).header("Idempotency-Key", key())
                .request(method, "/accounts/{id}/" + path, account)
                .then().statusCode(405).contentType("application/problem+json").body("code", equalTo("method_not_allowed"));
        assertUnchanged();
    }

    @Test
    void shouldAnswerUnknownIdsAsNotFound() {
        given().auth().oauth2(PointsApi.ADMIN).get("/accounts/{id}", java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(PointsApi.SERVICE).header("Idempotency-Key", key())
                .post("/holds/{id}/capture", java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    private ValidatableResponse spend(String token, String key, String body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/accounts/{id}/spend", account).then();
    }

    private void assertUnchanged() {
        assertThat(balance(account)).isEqualTo(50);
        assertThat(entryCount(account)).isEqualTo(1);
        PointsApi.account(account).body("held", equalTo(0));
    }
}
