package io.exactsuite.voting;

import static io.exactsuite.voting.VotingApi.event;
import static io.exactsuite.voting.VotingApi.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Vote payments have a deadline: the contest's closesAt plus voting.payment-grace (3 s here). A success learned
 * later credits nothing and is refunded automatically, the call made with no transaction open and retried by the
 * late-refund job (every second here) until payment-service accepts it.
 */
@QuarkusTest
@TestProfile(LatePaymentTests.ShortGrace.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(PaymentStandIn.class)
class LatePaymentTests {

    static final Duration GRACE = Duration.ofSeconds(3);

    public static class ShortGrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("voting.payment-grace", GRACE.toString(), "voting.late-refund-every", "1s");
        }
    }

    private final String voter = DevTokens.user("late-voter");

    @BeforeEach
    void paymentServiceAnswers() {
        PaymentStandIn.answerLikePaymentService();
    }

    /** A contest that closes in a moment, one purchase of {@code votes} at 1.00 bought while it was open. */
    private record Bought(String contestId, String contestant, String purchase, Instant closesAt) {
        void awaitDeadlinePassed() {
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Instant.now().isAfter(closesAt.plus(GRACE)));
        }
    }

    private Bought buyJustBeforeClosing(int... votes) {
        Instant closesAt = Instant.now().plusSeconds(4);
        JsonPath contest = VotingApi.contest("1.00", "USD", 1, Instant.now().minusSeconds(60), closesAt);
        String contestant = contest.getString("contestants[0].id");
        String purchase = null;
        for (int n : votes) {
            purchase = VotingApi.buy(voter, contest.getString("id"), contestant, n).statusCode(201).extract().path("id");
        }
        return new Bought(contest.getString("id"), contestant, purchase, closesAt);
    }

    @Test
    void shouldCreditWithinTheGraceAndRefundASuccessLearnedAfterTheDeadline() {
        Instant closesAt = Instant.now().plusSeconds(4);
        JsonPath contest = VotingApi.contest("1.00", "USD", 1, Instant.now().minusSeconds(60), closesAt);
        String contestId = contest.getString("id");
        String contestant = contest.getString("contestants[0].id");
        String inGrace = VotingApi.buy(voter, contestId, contestant, 2).statusCode(201).extract().path("id");
        String late = VotingApi.buy(voter, contestId, contestant, 4).statusCode(201).extract().path("id");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(closesAt));
        event(inGrace, "g1", "SUCCEEDED", null, false).body("status", equalTo("CREDITED"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Instant.now().isAfter(closesAt.plus(GRACE)));

        event(late, "l1", "SUCCEEDED", null, false).body("status", equalTo("LATE_REFUND_DUE"));
        assertThat(VotingApi.purchase(voter, late).getString("status")).as("refund booked right after the commit")
                .isEqualTo("LATE_REFUND_REQUESTED");
        List<LoggedRequest> refunds = PaymentStandIn.refundRequests();
        assertThat(refunds).hasSize(1);
        assertThat(refunds.get(0).getUrl()).isEqualTo("/payment/payments/" + PaymentStandIn.PAYMENT_ID + "/refunds");
        assertThat(refunds.get(0).getHeader("Idempotency-Key")).isEqualTo("purchase:" + late + ":late-refund");
        assertThat(refunds.get(0).getHeader("Authorization")).startsWith("Bearer ");
        assertThat(refunds.get(0).getBodyAsString()).isEqualTo("{\"amount\":\"4.00\"}");

        event(late, "l1-again", "SUCCEEDED", null, false).body("status", equalTo("LATE_REFUND_REQUESTED"));
        verify(voter, late).body("status", equalTo("LATE_REFUND_REQUESTED"));
        assertThat(PaymentStandIn.refundRequests()).as("asked once").hasSize(1);
        assertThat(VotingApi.votesOf(contestId, contestant)).as("only the payment in time counts").isEqualTo(2);

        event(late, "l2", "REFUNDED", "4.00", false).body("status", equalTo("REFUNDED")).body("votesWithdrawn", equalTo(0));
        event(late, "l1-redelivered", "SUCCEEDED", null, false).body("status", equalTo("REFUNDED"));
        assertThat(VotingApi.votesOf(contestId, contestant)).isEqualTo(2);
        assertThat(VotingApi.consistent(contestId)).isTrue();
    }

    @Test
    void shouldRefundASuccessAfterFailureReportedAfterTheDeadline() {
        Bought bought = buyJustBeforeClosing(3);
        event(bought.purchase(), "f1", "FAILED", null, false).body("status", equalTo("FAILED"));
        bought.awaitDeadlinePassed();

        event(bought.purchase(), "s1", "SUCCEEDED", null, true).body("status", equalTo("LATE_REFUND_DUE"));
        assertThat(VotingApi.purchase(voter, bought.purchase()).getString("status")).isEqualTo("LATE_REFUND_REQUESTED");
        assertThat(PaymentStandIn.refundRequests()).singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).isEqualTo("{\"amount\":\"3.00\"}"));
        assertThat(VotingApi.votesOf(bought.contestId(), bought.contestant())).isZero();
    }

    @Test
    void shouldCreditASuccessAfterFailureReportedInTime() {
        Instant closesAt = Instant.now().plusSeconds(3600);
        JsonPath contest = VotingApi.contest("1.00", "USD", 1, Instant.now().minusSeconds(60), closesAt);
        String contestant = contest.getString("contestants[0].id");
        String purchase = VotingApi.buy(voter, contest.getString("id"), contestant, 3).statusCode(201).extract().path("id");
        event(purchase, "f1", "FAILED", null, false).body("status", equalTo("FAILED"));
        event(purchase, "s1", "SUCCEEDED", null, true).body("status", equalTo("CREDITED"));
        assertThat(VotingApi.votesOf(contest.getString("id"), contestant)).isEqualTo(3);
        assertThat(PaymentStandIn.refundRequests()).isEmpty();
    }

    @Test
    void shouldRefundALateSuccessSeenByVerify() {
        Bought bought = buyJustBeforeClosing(2);
        bought.awaitDeadlinePassed();
        verify(voter, bought.purchase()).body("status", equalTo("LATE_REFUND_DUE"));
        assertThat(VotingApi.purchase(voter, bought.purchase()).getString("status")).isEqualTo("LATE_REFUND_REQUESTED");
        assertThat(VotingApi.votesOf(bought.contestId(), bought.contestant())).isZero();
    }

    @Test
    void shouldLeaveTheRefundToTheJobWhilePaymentServiceIsDown() {
        Bought bought = buyJustBeforeClosing(2);
        bought.awaitDeadlinePassed();
        PaymentStandIn.refundAnswers(503, PaymentStandIn.problem(503, "dependency_unavailable"));

        event(bought.purchase(), "s1", "SUCCEEDED", null, false).body("status", equalTo("LATE_REFUND_DUE"));
        assertThat(VotingApi.purchase(voter, bought.purchase()).getString("status")).isEqualTo("LATE_REFUND_DUE");
        assertThat(PaymentStandIn.refundRequests()).isNotEmpty();

        PaymentStandIn.refundAnswers(201, "{\"id\":\"" + PaymentStandIn.REFUND_ID + "\",\"status\":\"PENDING\"}");
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> VotingApi.purchase(voter, bought.purchase()).getString("status").equals("LATE_REFUND_REQUESTED"));
        assertThat(PaymentStandIn.refundRequests()).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key"))
                .isEqualTo("purchase:" + bought.purchase() + ":late-refund"));
        assertThat(VotingApi.votesOf(bought.contestId(), bought.contestant())).isZero();
    }

    @Test
    void shouldReadThePaymentWhenLessIsCapturedThanAskedAndRefundWhatIsLeft() {
        Bought bought = buyJustBeforeClosing(4);
        bought.awaitDeadlinePassed();
        PaymentStandIn.refundAnswers(409, PaymentStandIn.problem(409, "refund_exceeds_captured"));
        PaymentStandIn.paymentAnswers("PARTIALLY_REFUNDED", "4.00", "1.00");
        PaymentStandIn.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .post(com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/payment/payments/[^/]+/refunds"))
                .withHeader("Idempotency-Key", com.github.tomakehurst.wiremock.client.WireMock.containing("rest-after"))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)
                        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + PaymentStandIn.REFUND_ID + "\"}")));

        event(bought.purchase(), "s1", "SUCCEEDED", null, false).body("status", equalTo("LATE_REFUND_DUE"));

        assertThat(VotingApi.purchase(voter, bought.purchase()).getString("status")).isEqualTo("LATE_REFUND_REQUESTED");
        List<LoggedRequest> refunds = PaymentStandIn.refundRequests();
        assertThat(refunds).extracting(LoggedRequest::getBodyAsString)
                .containsExactly("{\"amount\":\"4.00\"}", "{\"amount\":\"3.00\"}");
        assertThat(refunds.get(1).getHeader("Idempotency-Key"))
                .isEqualTo("purchase:" + bought.purchase() + ":late-refund:rest-after:1.00");
    }

    @Test
    void shouldWaitForTheRefundedEventWhenThePaymentIsAlreadyRefunded() {
        Bought bought = buyJustBeforeClosing(2);
        bought.awaitDeadlinePassed();
        PaymentStandIn.refundAnswers(409, PaymentStandIn.problem(409, "payment_not_refundable"));
        PaymentStandIn.paymentAnswers("REFUNDED", "2.00", "2.00");

        event(bought.purchase(), "s1", "SUCCEEDED", null, false).body("status", equalTo("LATE_REFUND_DUE"));
        JsonPath purchase = VotingApi.purchase(voter, bought.purchase());
        assertThat(purchase.getString("status")).as("not pretending: waits for the confirmation")
                .isEqualTo("LATE_REFUND_REQUESTED");
        assertThat(purchase.getString("refundNote")).contains("waiting for the REFUNDED event");
        event(bought.purchase(), "r1", "REFUNDED", "2.00", false).body("status", equalTo("REFUNDED"));
        assertThat(VotingApi.votesOf(bought.contestId(), bought.contestant())).isZero();
        assertThat(VotingApi.consistent(bought.contestId())).isTrue();
    }
}
