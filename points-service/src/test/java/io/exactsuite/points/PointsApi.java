package io.exactsuite.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.testing.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;

/** Setup and read-back calls shared by the points tests; each test still asserts what it proves. */
final class PointsApi {

    /** order-service, the one service that earns, captures, releases, voids and reverses. */
    static final String SERVICE = DevTokens.service("order-service");
    static final String ADMIN = DevTokens.admin("ops");

    private PointsApi() {
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    /** A fresh owner with an account holding {@code points}. */
    static String accountWith(String owner, long points) {
        String id = given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key())
                .contentType(ContentType.JSON).body("{\"ownerId\":\"" + owner + "\"}")
                .post("/accounts").then().statusCode(201).extract().path("id");
        if (points > 0) {
            earn(id, points);
        }
        return id;
    }

    static String newOwner() {
        return "user-" + UUID.randomUUID();
    }

    static void earn(String accountId, long points) {
        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"points\":" + points + ",\"reason\":\"setup\"}")
                .post("/accounts/{id}/earn", accountId).then().statusCode(201);
    }

    static ValidatableResponse account(String accountId) {
        return given().auth().oauth2(ADMIN).get("/accounts/{id}", accountId).then().statusCode(200);
    }

    static long balance(String accountId) {
        return account(accountId).extract().<Number>path("balance").longValue();
    }

    static long entryCount(String accountId) {
        return given().auth().oauth2(ADMIN).get("/accounts/{id}/entries?size=1", accountId)
                .then().statusCode(200).extract().<Number>path("total").longValue();
    }

    /** The account's own audit: balance = sum of ledger, held = sum of active holds. */
    static void assertConsistent(String accountId) {
        given().auth().oauth2(ADMIN).get("/accounts/{id}/audit", accountId)
                .then().statusCode(200).body("consistent", equalTo(true));
    }
}
