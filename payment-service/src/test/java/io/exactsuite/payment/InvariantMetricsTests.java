package io.exactsuite.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.common.metrics.AuditGauges;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.PrometheusText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The invariant metrics payment-service exports move when the thing they count happens, and only then. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class InvariantMetricsTests {

    @Inject
    AuditGauges audits;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void shouldCountADuplicateWebhookAndReportRefundsThatDisagreeWithThePayment() {
        PaymentsApi.calm();
        JsonPath payment = PaymentsApi.create("20.00", "USD");
        PaymentsApi.completeAtGateway(payment);
        String body = PaymentsApi.webhookBody("evt_" + UUID.randomUUID(), PaymentsApi.chargeId(payment));
        double duplicates = PrometheusText.value("suite_duplicates_suppressed_total", "what", "webhook");

        for (int i = 0; i < 2; i++) {
            long now = Instant.now().getEpochSecond();
            given().header("Gateway-Signature", PaymentsApi.sign(PaymentsApi.SECRET, now, body))
                    .contentType("application/json").body(body).post("/webhooks/gateway").then().statusCode(200);
        }

        assertThat(PrometheusText.value("suite_duplicates_suppressed_total", "what", "webhook")).isEqualTo(duplicates + 1);
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        long before = audits.runAll().get("payment-refunds"); // other tests plant inconsistencies too
        String id = payment.getString("id");
        assertThat(db.update("UPDATE payment SET refunding_amount = 0.01 WHERE id = ?::uuid", id)).isEqualTo(1);
        try {
            assertThat(audits.runAll()).containsEntry("payment-refunds", before + 1);
            assertThat(PrometheusText.value("suite_audit_inconsistencies", "check", "payment-refunds"))
                    .isEqualTo(before + 1);
        } finally {
            db.update("UPDATE payment SET refunding_amount = 0 WHERE id = ?::uuid", id);
        }
        assertThat(audits.runAll()).containsEntry("payment-refunds", before);
    }
}
