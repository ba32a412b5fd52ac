package io.exactsuite.voting;

import static io.restassured.RestAssured.given;

import io.exactsuite.testing.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.UUID;

/** Setup and read-back for the voting tests; each test asserts what it proves itself. */
final class VotingApi {

    static final String ADMIN = DevTokens.admin("ops");
    static final String SERVICE = DevTokens.service("payment-service");

    private VotingApi() {
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    /** An open contest; returns its JSON (contestants in order). */
    static JsonPath contest(String price, String currency, int contestants) {
        return contest(price, currency, contestants, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
    }

    static JsonPath contest(String price, String currency, int contestants, Instant opensAt, Instant closesAt) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < contestants; i++) {
            names.append(i == 0 ? "" : ",").append("{\"name\":\"Contestant ").append(i + 1).append("\"}");
        }
        return given().auth().oauth2(ADMIN).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"name\":\"Song contest\",\"opensAt\":\"" + opensAt + "\",\"closesAt\":\"" + closesAt
                        + "\",\"pricePerVote\":\"" + price + "\",\"currency\":\"" + currency + "\",\"contestants\":["
                        + names + "]}")
                .post("/contests").then().statusCode(201).extract().jsonPath();
    }

    static ValidatableResponse buy(String token, String contestId, String contestantId, int votes) {
        return given().auth().oauth2(token).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"contestantId\":\"" + contestantId + "\",\"votes\":" + votes + "}")
                .post("/contests/{id}/purchases", contestId).then();
    }

    static String eventBody(String eventId, String status) {
        return "{\"paymentId\":\"" + PaymentStandIn.PAYMENT_ID + "\",\"eventId\":\"" + eventId + "\",\"status\":\"" + status
                + "\",\"amount\":\"1.00\",\"currency\":\"USD\",\"purpose\":\"VOTES\"}";
    }

    /** A refund or late-success event: {@code refundedAmount} cumulative (null to leave out). */
    static String eventBody(String eventId, String status, String refundedAmount, boolean succeededAfterFailure) {
        return "{\"paymentId\":\"" + PaymentStandIn.PAYMENT_ID + "\",\"eventId\":\"" + eventId + "\",\"status\":\"" + status
                + "\",\"currency\":\"USD\",\"purpose\":\"VOTES\""
                + (refundedAmount == null ? "" : ",\"refundedAmount\":\"" + refundedAmount + "\"")
                + (succeededAfterFailure ? ",\"succeededAfterFailure\":true" : "") + "}";
    }

    /** An event for the purchase; the event id is made unique to the purchase (event ids are unique service-wide). */
    static ValidatableResponse event(String purchase, String eventId, String status, String refundedAmount,
            boolean succeededAfterFailure) {
        eventId = purchase + ":" + eventId;
        return given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body(eventBody(eventId, status, refundedAmount, succeededAfterFailure))
                .post("/purchases/{id}/payment-events", purchase).then().statusCode(200);
    }

    static ValidatableResponse verify(String token, String purchase) {
        return given().auth().oauth2(token).header("Idempotency-Key", key()).post("/purchases/{id}/verify", purchase)
                .then().statusCode(200);
    }

    static JsonPath purchase(String token, String purchase) {
        return given().auth().oauth2(token).get("/purchases/{id}", purchase).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath leaderboard(String contestId) {
        return given().auth().oauth2(ADMIN).get("/contests/{id}/leaderboard", contestId).then().statusCode(200)
                .extract().jsonPath();
    }

    static long votesOf(String contestId, String contestantId) {
        return leaderboard(contestId).<Integer>getList("findAll { it.contestantId == '" + contestantId + "' }.votes")
                .get(0).longValue();
    }

    static boolean consistent(String contestId) {
        return given().auth().oauth2(ADMIN).get("/contests/{id}/audit", contestId).then().statusCode(200)
                .extract().jsonPath().<Boolean>getList("consistent").stream().allMatch(Boolean::booleanValue);
    }
}
