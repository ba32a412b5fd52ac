package io.exactsuite.points;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.common.metrics.AuditGauges;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.PrometheusText;
import io.exactsuite.testing.Sql;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The invariant metrics points-service exports move when the thing they count happens, and only then. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class InvariantMetricsTests {

    @Inject
    AuditGauges audits;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void shouldCountRefusalsByCodeAndReplays() {
        String owner = PointsApi.newOwner();
        String account = PointsApi.accountWith(owner, 5);
        double refused = PrometheusText.value("suite_problems_total", "code", "insufficient_points");
        double replays = PrometheusText.value("suite_idempotent_replays_total");
        String key = PointsApi.key();

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key).header("Business-Reference", key)
                    .contentType("application/json").body("{\"points\":6,\"reason\":\"too many\"}")
                    .post("/accounts/{id}/spend", account).then().statusCode(409);
        }

        // The first answer is a refusal; the second is that refusal replayed from the key's record.
        assertThat(PrometheusText.value("suite_problems_total", "code", "insufficient_points", "status", "409"))
                .isEqualTo(refused + 1);
        assertThat(PrometheusText.value("suite_idempotent_replays_total")).isEqualTo(replays + 1);
    }

    @Test
    void shouldCountHoldsReleasedBecauseTheyExpired() {
        String owner = PointsApi.newOwner();
        String account = PointsApi.accountWith(owner, 20);
        double expired = PrometheusText.value("points_holds_expired_total");

        HoldTests.placeHold(owner, account, 5, 1);

        // The expiry job runs every second in tests; the counter moves once it has released the hold.
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> PrometheusText.value("points_holds_expired_total") >= expired + 1);
        assertThat(PointsApi.account(account).extract().jsonPath().getLong("held")).isZero();
    }

    @Test
    void shouldReportAnAccountWhoseBalanceDisagreesWithItsLedger() {
        String account = PointsApi.accountWith(PointsApi.newOwner(), 10);
        long before = audits.runAll().get("account-ledger"); // other tests plant inconsistencies too
        assertThat(PrometheusText.value("suite_audit_inconsistencies", "check", "account-ledger")).isEqualTo(before);

        changeOneRow("UPDATE account SET balance = balance + 1 WHERE id = '" + account + "'");
        try {
            assertThat(audits.runAll()).containsEntry("account-ledger", before + 1);
            assertThat(PrometheusText.value("suite_audit_inconsistencies", "check", "account-ledger"))
                    .isEqualTo(before + 1);
        } finally {
            changeOneRow("UPDATE account SET balance = balance - 1 WHERE id = '" + account + "'");
        }
        assertThat(audits.runAll()).containsEntry("account-ledger", before);
    }

    private void changeOneRow(String statement) {
        assertThat(Sql.update(jdbcUrl, statement)).as(statement).isEqualTo(1);
    }
}
