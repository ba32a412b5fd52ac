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
