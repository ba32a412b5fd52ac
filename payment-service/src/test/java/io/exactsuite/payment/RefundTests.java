package io.exactsuite.payment;

import static io.exactsuite.payment.PaymentsApi.SERVICE;
import static io.exactsuite.payment.PaymentsApi.key;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.Http;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class RefundTests {

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void shouldNeverRefundMoreThanCapturedWhenThirtyRefundsRace() {
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        JsonPath payment = PaymentsApi.succeeded("100.00", "USD");
        String id = payment.getString("id");
        Http http = new Http(base.toString());

        List<Integer> statuses = Race.run(30, i -> () ->
                http.post("/payments/" + id + "/refunds", SERVICE, key(), "{\"amount\":\"10.00\"}").status());

        Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts).isEqualTo(Map.of(201, 10L, 409, 20L));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                db.count("SELECT count(*) FROM refund WHERE payment_id = ? AND status = 'SUCCEEDED'", UUID.fromString(id)) == 10);
        JsonPath after = PaymentsApi.get(id);
        assertThat(after.getString("refundedAmount")).isEqualTo("100.00");
        assertThat(after.getString("refundingAmount")).isEqualTo("0.00");
        assertThat(after.getString("status")).isEqualTo("REFUNDED");
        assertThat(PaymentsApi.gatewayCharge(payment).getString("refundedAmount"))
                .as("refunded at the gateway exactly once each").isEqualTo("100.00");
        assertThat(events(db, id, "REFUNDED")).isEqualTo(1);
        assertThat(events(db, id, "PARTIALLY_REFUNDED")).isEqualTo(9);
    }

    @Test
    void shouldRefundPartiallyThenFullyAndSayWhatIsStillRefundable() {
        JsonPath payment = PaymentsApi.succeeded("30.00", "EUR");
        String id = payment.getString("id");
        refund(id, "\"10.00\"").statusCode(201).body("status", equalTo("PENDING")).body("amount", equalTo("10.00"));
        assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("PARTIALLY_REFUNDED");
        refund(id, "\"20.01\"").statusCode(409).body("code", equalTo("refund_exceeds_captured"))
                .body("refundable", equalTo("20.00"));
        refund(id, "\"20.00\"").statusCode(201);
        assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("REFUNDED");
        refund(id, "\"0.01\"").statusCode(409).body("code", equalTo("payment_not_refundable"));
        given().auth().oauth2(SERVICE).get("/payments/{id}/refunds", id).then().statusCode(200)
                .body("size()", equalTo(2)).body("status", org.hamcrest.Matchers.everyItem(equalTo("SUCCEEDED")));
    }

    @Test
    void shouldRefuseRefundsOfUnpaidPaymentsAndInexactAmounts() {
        String pending = PaymentsApi.create("30.00", "USD").getString("id");
        refund(pending, "\"1.00\"").statusCode(409).body("code", equalTo("payment_not_refundable"));
        String paid = PaymentsApi.succeeded("30.00", "USD").getString("id");
        refund(paid, "\"1.001\"").statusCode(400).body("code", equalTo("validation_failed"));
        refund(paid, "\"0\"").statusCode(400);
        refund(paid, "1.00").statusCode(400).body("code", equalTo("invalid_value"));
        assertThat(PaymentsApi.get(paid).getString("refundedAmount")).isEqualTo("0.00");
        assertThat(PaymentsApi.get(paid).getString("refundingAmount")).isEqualTo("0.00");
    }

    @Test
    void shouldRefundOnceWhenTheGatewayRefundedButItsAnswerTimedOut() {
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        JsonPath payment = PaymentsApi.succeeded("50.00", "USD");
        String id = payment.getString("id");
        PaymentsApi.chaos("\"apiDelayMs\":2500");
        try {
            refund(id, "\"50.00\"").statusCode(201).body("status", equalTo("PENDING"));
            assertThat(PaymentsApi.get(id).getString("status")).as("not announced before the gateway confirms")
                    .isEqualTo("SUCCEEDED");
            assertThat(events(db, id, "REFUNDED")).isZero();
        } finally {
            PaymentsApi.calm();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                db.count("SELECT count(*) FROM refund WHERE payment_id = ? AND status = 'SUCCEEDED'", UUID.fromString(id)) == 1);
        assertThat(PaymentsApi.gatewayCharge(payment).getString("refundedAmount")).as("once at the gateway").isEqualTo("50.00");
        assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("REFUNDED");
        assertThat(events(db, id, "REFUNDED")).isEqualTo(1);
    }

    @Test
    void shouldEndARefusedRefundAsFailedTellTheOwnerAndNeverRetryIt() {
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        JsonPath payment = PaymentsApi.succeeded("20.00", "USD");
        String id = payment.getString("id");
        PaymentsApi.chaos("\"refunds\":\"refuse\"");
        try {
            String refund = refund(id, "\"20.00\"").statusCode(201).extract().path("id");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    db.count("SELECT count(*) FROM refund WHERE id = ? AND status = 'FAILED'", UUID.fromString(refund)) == 1);
            JsonPath after = PaymentsApi.get(id);
            assertThat(after.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(after.getString("refundedAmount")).isEqualTo("0.00");
            assertThat(after.getString("refundingAmount")).as("the reservation is released").isEqualTo("0.00");
            assertThat(events(db, id, "REFUNDED")).isZero();
            assertThat(events(db, id, "REFUND_FAILED")).isEqualTo(1);
            assertThat(db.count("SELECT attempts FROM refund WHERE id = ?", UUID.fromString(refund))).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM refund WHERE id = ? AND next_attempt_at <= now() AND status = 'PENDING'",
                    UUID.fromString(refund))).as("nothing left for the executor").isZero();
            given().get("/q/metrics").then().statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("payment_refunds_total{outcome=\"refused\"}"));
        } finally {
            PaymentsApi.calm();
        }
        refund(id, "\"20.00\"").statusCode(201);
        assertThat(PaymentsApi.get(id).getString("status")).as("the money can still be refunded").isEqualTo("REFUNDED");
    }

    @Test
    void shouldAnnounceAPendingRefundOnlyOnceTheGatewayConfirmsIt() {
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        JsonPath payment = PaymentsApi.succeeded("15.00", "USD");
        String id = payment.getString("id");
        PaymentsApi.chaos("\"refunds\":\"pending\",\"refundPendingMs\":1500");
        try {
            String refund = refund(id, "\"15.00\"").statusCode(201).extract().path("id");
            assertThat(db.text("SELECT status FROM refund WHERE id = ?", UUID.fromString(refund))).isEqualTo("PENDING");
            assertThat(db.text("SELECT gateway_refund_id FROM refund WHERE id = ?", UUID.fromString(refund))).isNotNull();
            assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("SUCCEEDED");
            assertThat(PaymentsApi.get(id).getString("refundingAmount")).isEqualTo("15.00");
            assertThat(events(db, id, "REFUNDED")).isZero();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    db.count("SELECT count(*) FROM refund WHERE id = ? AND status = 'SUCCEEDED'", UUID.fromString(refund)) == 1);
        } finally {
            PaymentsApi.calm();
        }
        assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("REFUNDED");
        assertThat(events(db, id, "REFUNDED")).isEqualTo(1);
    }

    private static long events(PaymentsApi db, String paymentId, String status) {
        return db.count("SELECT count(*) FROM outbox_event WHERE payment_id = ? AND payload LIKE ?", UUID.fromString(paymentId),
                "%\"status\":\"" + status + "\"%");
    }

    private static io.restassured.response.ValidatableResponse refund(String paymentId, String amountJson) {
        return given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"amount\":" + amountJson + "}").post("/payments/{id}/refunds", paymentId).then();
    }
}
