package io.exactsuite.voting;

import static io.exactsuite.voting.VotingApi.SERVICE;
import static io.exactsuite.voting.VotingApi.event;
import static io.exactsuite.voting.VotingApi.key;
import static io.exactsuite.voting.VotingApi.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.Http;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refunds confirmed by the gateway take back exactly the votes whose price was refunded, once. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(PaymentStandIn.class)
class RefundTests {

    @TestHTTPResource("/")
    URL base;

    private final String voter = DevTokens.user("refund-voter");
    private String contestId;
    private String contestant;

    @BeforeEach
    void openContest() {
        PaymentStandIn.answerLikePaymentService();
        JsonPath contest = VotingApi.contest("0.10", "USD", 2);
        contestId = contest.getString("id");
        contestant = contest.getString("contestants[0].id");
    }

    @Test
    void shouldNeverCreditAPurchaseWhoseRefundIsLearnedBeforeItsSuccess() {
        String purchase = VotingApi.buy(voter, contestId, contestant, 5).statusCode(201).extract().path("id");
        PaymentStandIn.verifyAnswers("REFUNDED", "0.50", "0.50");

        verify(voter, purchase).body("status", equalTo("REFUNDED"));
        event(purchase, "s1", "SUCCEEDED", null, false).body("status", equalTo("REFUNDED"));
        PaymentStandIn.verifyAnswers("SUCCEEDED");
        verify(voter, purchase).body("status", equalTo("REFUNDED"));

        assertThat(VotingApi.votesOf(contestId, contestant)).as("a refunded purchase is never credited").isZero();
        assertThat(VotingApi.consistent(contestId)).isTrue();
    }

    @Test
    void shouldNeverCreditAPurchaseWhoseRefundEventOvertookItsSuccessEvent() {
        String purchase = VotingApi.buy(voter, contestId, contestant, 5).statusCode(201).extract().path("id");
        event(purchase, "r1", "REFUNDED", "0.50", false).body("status", equalTo("REFUNDED"));
        event(purchase, "s1", "SUCCEEDED", null, false).body("status", equalTo("REFUNDED"));
        assertThat(VotingApi.votesOf(contestId, contestant)).isZero();
        assertThat(VotingApi.consistent(contestId)).isTrue();
    }

    @Test
    void shouldWithdrawOnlyTheVotesWhosePriceWasRefundedAndEachOnce() {
        String purchase = VotingApi.buy(voter, contestId, contestant, 10).statusCode(201).extract().path("id");
        event(purchase, "s1", "SUCCEEDED", null, false).body("status", equalTo("CREDITED"));

        event(purchase, "p1", "PARTIALLY_REFUNDED", "0.01", false).body("status", equalTo("PARTIALLY_REFUNDED"))
                .body("votesWithdrawn", equalTo(1));
        assertThat(VotingApi.votesOf(contestId, contestant)).as("1 cent refunded: that vote is no longer paid").isEqualTo(9);
        event(purchase, "p1-again", "PARTIALLY_REFUNDED", "0.01", false).body("votesWithdrawn", equalTo(1));
        assertThat(VotingApi.votesOf(contestId, contestant)).as("redelivered: nothing more").isEqualTo(9);

        event(purchase, "p2", "PARTIALLY_REFUNDED", "0.25", false).body("votesWithdrawn", equalTo(3));
        assertThat(VotingApi.votesOf(contestId, contestant)).as("0.75 left pays for 7 votes").isEqualTo(7);
        event(purchase, "p1-late", "PARTIALLY_REFUNDED", "0.01", false).body("votesWithdrawn", equalTo(3));
        PaymentStandIn.verifyAnswers("PARTIALLY_REFUNDED", "1.00", "0.25");
        verify(voter, purchase).body("votesWithdrawn", equalTo(3));
        assertThat(VotingApi.votesOf(contestId, contestant)).as("older and repeated news never re-adds or re-takes")
                .isEqualTo(7);
        assertThat(VotingApi.consistent(contestId)).isTrue();

        event(purchase, "r1", "REFUNDED", "1.00", false).body("status", equalTo("REFUNDED")).body("votesWithdrawn", equalTo(10));
        event(purchase, "p2-late", "PARTIALLY_REFUNDED", "0.25", false).body("status", equalTo("REFUNDED"))
                .body("votesWithdrawn", equalTo(10));
        assertThat(VotingApi.votesOf(contestId, contestant)).isZero();
        assertThat(VotingApi.consistent(contestId)).isTrue();
    }

    @Test
    void shouldCreditTheStillPaidVotesOfAPartialRefundLearnedBeforeTheSuccess() {
        String purchase = VotingApi.buy(voter, contestId, contestant, 10).statusCode(201).extract().path("id");
        PaymentStandIn.verifyAnswers("PARTIALLY_REFUNDED", "1.00", "0.30");
        verify(voter, purchase).body("status", equalTo("PARTIALLY_REFUNDED")).body("votesWithdrawn", equalTo(3));
        event(purchase, "s1", "SUCCEEDED", null, false).body("votesWithdrawn", equalTo(3));
        assertThat(VotingApi.votesOf(contestId, contestant)).isEqualTo(7);
        assertThat(VotingApi.consistent(contestId)).isTrue();
    }

    @Test
    void shouldWithdrawEachVoteOnceWhenRefundEventsRaceVerifies() {
        String purchase = VotingApi.buy(voter, contestId, contestant, 10).statusCode(201).extract().path("id");
        event(purchase, "s1", "SUCCEEDED", null, false);
        PaymentStandIn.verifyAnswers("PARTIALLY_REFUNDED", "1.00", "0.12");
        Http http = new Http(base.toString());

        List<Http.Reply> replies = Race.run(40, i -> () -> i < 20
                ? http.post("/purchases/" + purchase + "/verify", voter, key(), null)
                : http.post("/purchases/" + purchase + "/payment-events", SERVICE, key(),
                        VotingApi.eventBody(purchase + ":race-" + i, "PARTIALLY_REFUNDED", "0.12", false)));

        assertThat(replies).extracting(Http.Reply::status).containsOnly(200);
        assertThat(VotingApi.votesOf(contestId, contestant)).as("0.88 left pays for 8 of 10 votes").isEqualTo(8);
        assertThat(VotingApi.purchase(voter, purchase).getInt("votesWithdrawn")).isEqualTo(2);
        assertThat(VotingApi.consistent(contestId)).isTrue();
    }
}
