package io.exactsuite.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.common.metrics.AuditGauges;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.PrometheusText;
import io.exactsuite.testing.Sql;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The invariant metrics voting-service exports move when the thing they count happens, and only then. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(PaymentStandIn.class)
class InvariantMetricsTests {

    @Inject
    AuditGauges audits;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void shouldCountADuplicatePaymentEventAndReportATallyThatDisagreesWithItsCredits() {
        JsonPath contest = VotingApi.contest("0.10", "USD", 1);
        String contestant = contest.getString("contestants[0].id");
        String purchase = VotingApi.buy(DevTokens.user("metrics-voter"), contest.getString("id"), contestant, 4)
                .statusCode(201).extract().path("id");
        double duplicates = PrometheusText.value("suite_duplicates_suppressed_total", "what", "payment_event");

        VotingApi.event(purchase, "paid", "SUCCEEDED", null, false).body("status", equalTo("CREDITED"));
        VotingApi.event(purchase, "paid", "SUCCEEDED", null, false).body("status", equalTo("CREDITED"));

        assertThat(PrometheusText.value("suite_duplicates_suppressed_total", "what", "payment_event"))
                .isEqualTo(duplicates + 1);
        long before = audits.runAll().get("contest-tally"); // other tests plant inconsistencies too
        String oneStripe = "(contestant_id, stripe) IN (SELECT contestant_id, stripe FROM tally_stripe"
                + " WHERE contestant_id = '" + contestant + "' LIMIT 1)";
        changeOneRow("UPDATE tally_stripe SET votes = votes + 1 WHERE " + oneStripe);
        try {
            assertThat(audits.runAll()).containsEntry("contest-tally", before + 1);
            assertThat(PrometheusText.value("suite_audit_inconsistencies", "check", "contest-tally"))
                    .isEqualTo(before + 1);
        } finally {
            changeOneRow("UPDATE tally_stripe SET votes = votes - 1 WHERE " + oneStripe);
        }
        assertThat(audits.runAll()).containsEntry("contest-tally", before);
    }

    private void changeOneRow(String statement) {
        assertThat(Sql.update(jdbcUrl, statement)).as(statement).isEqualTo(1);
    }
}
