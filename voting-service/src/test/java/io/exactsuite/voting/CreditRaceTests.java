package io.exactsuite.voting;

import static io.exactsuite.voting.VotingApi.SERVICE;
import static io.exactsuite.voting.VotingApi.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.Http;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 000: 10 paid votes recorded as 20. Here both doors, any number of times, credit once. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(PaymentStandIn.class)
class CreditRaceTests {

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void paymentServiceSaysPaid() {
        PaymentStandIn.answerLikePaymentService();
    }

    @Test
    void shouldCreditOnceWhenThirtyVerifiesRaceThirtyPaymentEvents() {
        JsonPath contest = VotingApi.contest("0.50", "USD", 2);
        String contestId = contest.getString("id");
        String contestant = contest.getString("contestants[0].id");
        String voter = DevTokens.user("voter-" + key());
        String purchase = VotingApi.buy(voter, contestId, contestant, 10).statusCode(201).extract().path("id");
        Http http = new Http(base.toString());
        String event = "payment:" + PaymentStandIn.PAYMENT_ID + ":event:1";

        List<Http.Reply> replies = Race.run(60, i -> () -> i < 30
                ? http.post("/purchases/" + purchase + "/verify", voter, key(), null)
                : http.post("/purchases/" + purchase + "/payment-events", SERVICE, i % 2 == 0 ? event : key(),
                        VotingApi.eventBody(event, "SUCCEEDED")));

        assertThat(replies).extracting(Http.Reply::status).containsOnly(200);
        assertThat(VotingApi.votesOf(contestId, contestant)).as("10 paid votes count as 10").isEqualTo(10);
        assertThat(VotingApi.consistent(contestId)).isTrue();
        assertThat(io.restassured.RestAssured.given().auth().oauth2(voter).get("/purchases/{id}", purchase)
                .then().statusCode(200).extract().<String>path("status")).isEqualTo("CREDITED");
    }

    @Test
    void shouldKeepTheLeaderboardExactWhenAThousandPurchasesAreCreditedConcurrently() {
        JsonPath contest = VotingApi.contest("0.10", "USD", 3);
        String contestId = contest.getString("id");
        List<String> contestants = contest.getList("contestants.id");
        String voter = DevTokens.user("fan-" + key());
        List<String> purchases = new ArrayList<>();
        long[] expected = new long[3];
        for (int i = 0; i < 1_000; i++) {
            int votes = 1 + i % 7;
            purchases.add(VotingApi.buy(voter, contestId, contestants.get(i % 3), votes).statusCode(201)
                    .extract().path("id"));
            expected[i % 3] += votes;
        }
        Http http = new Http(base.toString());
        AtomicInteger next = new AtomicInteger();

        Race.run(50, worker -> () -> {
            for (int i = next.getAndIncrement(); i < purchases.size(); i = next.getAndIncrement()) {
                String event = "evt-" + purchases.get(i);
                int status = http.post("/purchases/" + purchases.get(i) + "/payment-events", SERVICE, key(),
                        VotingApi.eventBody(event, "SUCCEEDED")).status();
                assertThat(status).isEqualTo(200);
            }
            return null;
        });

        for (int c = 0; c < 3; c++) {
            assertThat(VotingApi.votesOf(contestId, contestants.get(c))).isEqualTo(expected[c]);
        }
        List<Integer> ranked = VotingApi.leaderboard(contestId).getList("votes");
        assertThat(ranked).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(VotingApi.consistent(contestId)).isTrue();
    }
}
