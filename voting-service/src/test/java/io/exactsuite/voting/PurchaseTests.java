package io.exactsuite.voting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.exactsuite.voting.VotingApi.SERVICE;
import static io.exactsuite.voting.VotingApi.key;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(PaymentStandIn.class)
class PurchaseTests {

    private final String voter = DevTokens.user("voter");
    private JsonPath contest;
    private String contestId;
    private String contestant;

    @BeforeEach
    void openContest() {
        PaymentStandIn.answerLikePaymentService();
        contest = VotingApi.contest("0.10", "USD", 2);
        contestId = contest.getString("id");
        contestant = contest.getString("contestants[0].id");
    }

    @Test
    void shouldPriceVotesExactlyAndAskForPaymentWithADerivedKey() {
        String id = VotingApi.buy(voter, contestId, contestant, 3).statusCode(201)
                .body("amount", equalTo("0.30")).body("status", equalTo("PENDING_PAYMENT"))
                .body("paymentId", equalTo(PaymentStandIn.PAYMENT_ID)).body("paymentReference", equalTo("pay_STANDIN"))
                .extract().path("id");
        PaymentStandIn.server.verify(1, postRequestedFor(urlEqualTo("/payment/payments"))
                .withHeader("Idempotency-Key", WireMock.equalTo("purchase:" + id + ":payment"))
                .withRequestBody(WireMock.matchingJsonPath("$.amount", WireMock.equalTo("0.30")))
                .withRequestBody(WireMock.matchingJsonPath("$.purpose", WireMock.equalTo("VOTES"))));
        JsonPath yen = VotingApi.contest("7", "JPY", 1);
        VotingApi.buy(voter, yen.getString("id"), yen.getString("contestants[0].id"), 10_000).statusCode(201)
                .body("amount", equalTo("70000"));
    }

    /**
     * payment-service answered 503; the voter retries with the same key. Fails on the old code: the
     * purchase id was drawn at random inside the retried transaction, so the retry asked for a second
     * payment under a new key.
     */
    @Test
    void shouldAskForOnePaymentHoweverOftenAPurchaseIsRetried() {
        String key = VotingApi.key();
        String body = "{\"contestantId\":\"" + contestant + "\",\"votes\":2}";
        var down = PaymentStandIn.server.stubFor(post(urlEqualTo("/payment/payments")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));
        buyWithKey(key, body).statusCode(503);
        PaymentStandIn.server.removeStub(down);

        String[] id = new String[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(500)).until(() -> {
                    var reply = buyWithKey(key, body).extract();
                    id[0] = reply.statusCode() == 201 ? reply.path("id") : null;
                    return id[0] != null;
                });

        assertThat(PaymentStandIn.server.findAll(postRequestedFor(urlEqualTo("/payment/payments"))).stream()
                .map(request -> request.getHeader("Idempotency-Key")).distinct().toList())
                .containsExactly("purchase:" + id[0] + ":payment");
    }

    private io.restassured.response.ValidatableResponse buyWithKey(String key, String body) {
        return io.restassured.RestAssured.given().auth().oauth2(voter).header("Idempotency-Key", key)
                .contentType(io.restassured.http.ContentType.JSON).body(body)
                .post("/contests/{id}/purchases", contestId).then();
    }

    @Test
    void shouldRefuseClosedAndNotYetOpenContests() {
        JsonPath closed = VotingApi.contest("1.00", "USD", 1, Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600));
        VotingApi.buy(voter, closed.getString("id"), closed.getString("contestants[0].id"), 1).statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("contest_closed"));
        JsonPath future = VotingApi.contest("1.00", "USD", 1, Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200));
        VotingApi.buy(voter, future.getString("id"), future.getString("contestants[0].id"), 1).statusCode(409)
                .body("code", equalTo("contest_closed"));
        assertThat(given().auth().oauth2(voter).get("/purchases?contest=" + closed.getString("id"))
                .then().statusCode(200).extract().jsonPath().getList("$")).isEmpty();
    }

    @Test
    void shouldCountAPaymentThatSucceedsAfterTheContestClosed() {
        Instant closesAt = Instant.now().plusSeconds(2);
        JsonPath closing = VotingApi.contest("1.00", "USD", 1, Instant.now().minusSeconds(60), closesAt);
        String candidate = closing.getString("contestants[0].id");
        String purchase = VotingApi.buy(voter, closing.getString("id"), candidate, 4).statusCode(201).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(closesAt));
        VotingApi.buy(voter, closing.getString("id"), candidate, 1).statusCode(409);

        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body(VotingApi.eventBody("late-" + purchase, "SUCCEEDED")).post("/purchases/{id}/payment-events", purchase)
                .then().statusCode(200).body("status", equalTo("CREDITED"));
        assertThat(VotingApi.votesOf(closing.getString("id"), candidate)).isEqualTo(4);
    }

    @Test
    void shouldWithdrawTheVotesOfARefundedPurchaseOnce() {
        String purchase = VotingApi.buy(voter, contestId, contestant, 5).statusCode(201).extract().path("id");
        event(purchase, "e1", "SUCCEEDED").body("status", equalTo("CREDITED"));
        event(purchase, "e2", "REFUNDED").body("status", equalTo("REFUNDED"));
        event(purchase, "e2", "REFUNDED").body("status", equalTo("REFUNDED"));
        assertThat(VotingApi.votesOf(contestId, contestant)).isZero();
        assertThat(VotingApi.consistent(contestId)).isTrue();
    }

    @Test
    void shouldMarkAFailedPaymentAndCountNothing() {
        PaymentStandIn.verifyAnswers("FAILED");
        String purchase = VotingApi.buy(voter, contestId, contestant, 5).statusCode(201).extract().path("id");
        given().auth().oauth2(voter).header("Idempotency-Key", key()).post("/purchases/{id}/verify", purchase)
                .then().statusCode(200).body("status", equalTo("FAILED"));
        assertThat(VotingApi.votesOf(contestId, contestant)).isZero();
    }

    @Test
    void shouldHideSomeoneElsesPurchase() {
        String purchase = VotingApi.buy(voter, contestId, contestant, 1).statusCode(201).extract().path("id");
        String stranger = DevTokens.user("stranger");
        given().auth().oauth2(stranger).get("/purchases/{id}", purchase).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(stranger).header("Idempotency-Key", key()).post("/purchases/{id}/verify", purchase)
                .then().statusCode(404);
        given().auth().oauth2(voter).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body(VotingApi.eventBody("x", "SUCCEEDED")).post("/purchases/{id}/payment-events", purchase)
                .then().statusCode(403);
        assertThat(VotingApi.votesOf(contestId, contestant)).isZero();
    }

    @Test
    void shouldRejectBadInputAndWriteNothing() {
        VotingApi.buy(voter, contestId, contestant, 0).statusCode(400).body("code", equalTo("validation_failed"));
        VotingApi.buy(voter, contestId, contestant, 10_001).statusCode(400).body("code", equalTo("validation_failed"));
        VotingApi.buy(voter, contestId, java.util.UUID.randomUUID().toString(), 1).statusCode(422)
                .body("code", equalTo("unknown_contestant"));
        given().auth().oauth2(voter).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"contestantId\":\"" + contestant + "\",\"votes\":\"5\"}").post("/contests/{id}/purchases", contestId)
                .then().statusCode(400).body("code", equalTo("invalid_value"));
        given().auth().oauth2(voter).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"contestantId\":\"" + contestant + "\",\"votes\":5,\"bonus\":1}").post("/contests/{id}/purchases", contestId)
                .then().statusCode(400).body("code", equalTo("unknown_property"));
        given().auth().oauth2(voter).contentType(ContentType.JSON)
                .body("{\"contestantId\":\"" + contestant + "\",\"votes\":5}").post("/contests/{id}/purchases", contestId)
                .then().statusCode(400).body("code", equalTo("idempotency_key_missing"));
        given().auth().oauth2(VotingApi.ADMIN).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"opensAt\":\"2027-01-01T00:00:00Z\",\"closesAt\":\"2026-01-01T00:00:00Z\","
                        + "\"pricePerVote\":\"0.005\",\"currency\":\"USD\",\"contestants\":[{\"name\":\"a\"}]}")
                .post("/contests").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(voter).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"opensAt\":\"2026-01-01T00:00:00Z\",\"closesAt\":\"2027-01-01T00:00:00Z\","
                        + "\"pricePerVote\":\"1.00\",\"currency\":\"USD\",\"contestants\":[{\"name\":\"a\"}]}")
                .post("/contests").then().statusCode(403);
        assertThat(given().auth().oauth2(voter).get("/purchases?contest=" + contestId).then().extract().jsonPath()
                .getList("$")).isEmpty();
    }

    /** Payment events come from payment-service alone; any other service token used to credit votes. */
    @Test
    void shouldTakePaymentEventsFromPaymentServiceOnly() {
        String purchase = VotingApi.buy(voter, contestId, contestant, 2).statusCode(201).extract().path("id");
        given().auth().oauth2(io.exactsuite.testing.DevTokens.service("order-service")).header("Idempotency-Key", key())
                .contentType(ContentType.JSON).body(VotingApi.eventBody("e-" + java.util.UUID.randomUUID(), "SUCCEEDED"))
                .post("/purchases/{id}/payment-events", purchase).then().statusCode(403).body("code", equalTo("forbidden"));
        assertThat(VotingApi.votesOf(contestId, contestant)).isZero();
    }

    /** Before: accepted, and every purchase then failed at payment-service with a 502. */
    @Test
    void shouldRefuseAPriceOrAPurchaseNoPaymentCouldCarry() {
        given().auth().oauth2(VotingApi.ADMIN).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"opensAt\":\"2026-01-01T00:00:00Z\",\"closesAt\":\"2030-01-01T00:00:00Z\","
                        + "\"pricePerVote\":\"1000000.01\",\"currency\":\"USD\",\"contestants\":[{\"name\":\"a\"}]}")
                .post("/contests").then().statusCode(400).body("code", equalTo("validation_failed"))
                .body("errors.field", org.hamcrest.Matchers.hasItem("pricePerVote"));
        given().auth().oauth2(VotingApi.ADMIN).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"opensAt\":\"2026-01-01T00:00:00Z\",\"closesAt\":\"2030-01-01T00:00:00Z\","
                        + "\"pricePerVote\":\"1.00\",\"currency\":\"SEK\",\"contestants\":[{\"name\":\"a\"}]}")
                .post("/contests").then().statusCode(422).body("code", equalTo("currency_not_accepted"));
        JsonPath dear = VotingApi.contest("1000.00", "USD", 1);
        VotingApi.buy(voter, dear.getString("id"), dear.getString("contestants[0].id"), 1001).statusCode(422)
                .body("code", equalTo("amount_above_payment_maximum"));
        assertThat(given().auth().oauth2(voter).get("/purchases?contest=" + dear.getString("id")).then().extract().jsonPath()
                .getList("$")).isEmpty();
    }

    @Test
    void shouldAnswer503AndWriteNothingWhilePaymentServiceIsDown() {
        PaymentStandIn.server.stubFor(post(urlEqualTo("/payment/payments")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        VotingApi.buy(voter, contestId, contestant, 2).statusCode(503).header("Retry-After", "5")
                .body("code", equalTo("dependency_unavailable"));
        assertThat(given().auth().oauth2(voter).get("/purchases?contest=" + contestId).then().extract().jsonPath()
                .getList("$")).isEmpty();
    }

    private static io.restassured.response.ValidatableResponse event(String purchase, String eventId, String status) {
        return given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body(VotingApi.eventBody(eventId, status)).post("/purchases/{id}/payment-events", purchase).then()
                .statusCode(200);
    }
}
