package io.exactsuite.payment;

import static io.exactsuite.payment.PaymentsApi.chargeId;
import static io.exactsuite.payment.PaymentsApi.sign;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A webhook that is not exactly what the gateway signed, when it signed it, changes nothing. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class WebhookSecurityTests {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private JsonPath payment;
    private String body;
    private long now;

    @BeforeEach
    void paidAtTheGatewayButNotYetHeardOf() {
        PaymentsApi.chaos("\"loseWebhooks\":true");
        payment = PaymentsApi.create("40.00", "USD");
        PaymentsApi.completeAtGateway(payment);
        body = PaymentsApi.webhookBody("evt_" + UUID.randomUUID(), chargeId(payment));
        now = Instant.now().getEpochSecond();
    }

    @AfterEach
    void calm() {
        PaymentsApi.calm();
    }

    @Test
    void shouldRejectAWrongSecret() {
        rejected(body, sign("not-the-secret", now, body), "signature_invalid");
    }

    @Test
    void shouldRejectAStaleTimestamp() {
        rejected(body, sign(PaymentsApi.SECRET, now - 301, body), "signature_stale");
    }

    @Test
    void shouldRejectAFutureTimestamp() {
        rejected(body, sign(PaymentsApi.SECRET, now + 301, body), "signature_stale");
    }

    @Test
    void shouldRejectABodyChangedByOneByte() {
        String signature = sign(PaymentsApi.SECRET, now, body);
        rejected(body.replace("charge.succeeded", "charge.succeedee"), signature, "signature_invalid");
    }

    @Test
    void shouldRejectAReserializedBody() {
        String signature = sign(PaymentsApi.SECRET, now, body);
        rejected(body.replace(",", ", "), signature, "signature_invalid");
    }

    @Test
    void shouldRejectAMissingOrMalformedHeader() {
        rejected(body, null, "signature_missing");
        rejected(body, "v1=abc", "signature_invalid");
        rejected(body, "t=" + now + ",v1=zz", "signature_invalid");
    }

    @Test
    void shouldRejectASignedEventWithoutWhatItIsAbout() {
        String refundWithoutId = "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"refund.succeeded\",\"created\":" + now
                + ",\"data\":{\"chargeId\":\"" + chargeId(payment) + "\"}}";
        rejected(refundWithoutId, sign(PaymentsApi.SECRET, now, refundWithoutId), "malformed_event");
        String noCharge = "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"charge.succeeded\",\"data\":{}}";
        rejected(noCharge, sign(PaymentsApi.SECRET, now, noCharge), "malformed_event");
        rejected("[1,2]", sign(PaymentsApi.SECRET, now, "[1,2]"), "malformed_event");
    }

    @Test
    void shouldProcessAReplayedEventOnce() {
        String signature = sign(PaymentsApi.SECRET, now, body);
        deliver(body, signature).statusCode(200).body("result", equalTo("processed"));
        deliver(body, signature).statusCode(200).body("result", equalTo("duplicate"));

        assertThat(PaymentsApi.get(payment.getString("id")).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(outboxEvents()).isEqualTo(1);
    }

    @Test
    void shouldAcceptEveryActiveSecretDuringRotation() {
        deliver(body, sign("rotated-webhook-secret", now, body)).statusCode(200).body("result", equalTo("processed"));
        assertThat(PaymentsApi.get(payment.getString("id")).getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void shouldTrustTheGatewayNotTheBody() {
        JsonPath unpaid = PaymentsApi.create("40.00", "USD");
        String lie = PaymentsApi.webhookBody("evt_" + UUID.randomUUID(), chargeId(unpaid));
        deliver(lie, sign(PaymentsApi.SECRET, now, lie)).statusCode(200);
        assertThat(PaymentsApi.get(unpaid.getString("id")).getString("status")).isEqualTo("PENDING");
    }

    private void rejected(String requestBody, String signature, String code) {
        deliver(requestBody, signature).statusCode(400).contentType("application/problem+json").body("code", equalTo(code));
        assertThat(PaymentsApi.get(payment.getString("id")).getString("status")).isEqualTo("PENDING");
        assertThat(outboxEvents()).isZero();
        assertThat(new PaymentsApi(jdbcUrl).count("SELECT count(*) FROM webhook_event WHERE charge_id = ?",
                chargeId(payment))).isZero();
    }

    private io.restassured.response.ValidatableResponse deliver(String requestBody, String signature) {
        var request = given().contentType("application/json").body(requestBody);
        if (signature != null) {
            request.header("Gateway-Signature", signature);
        }
        return request.post("/webhooks/gateway").then();
    }

    private long outboxEvents() {
        return new PaymentsApi(jdbcUrl).count("SELECT count(*) FROM outbox_event WHERE payment_id = ?",
                UUID.fromString(payment.getString("id")));
    }
}
