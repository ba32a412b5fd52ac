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
        JsonPath after = PaymentsApi.get(id);
        assertThat(after.getString("refundedAmount")).isEqualTo("100.00");
        assertThat(after.getString("status")).isEqualTo("REFUNDED");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                db.count("SELECT count(*) FROM refund WHERE payment_id = ? AND status = 'SUCCEEDED'", UUID.fromString(id)) == 10);
        assertThat(db.text("SELECT sum(amount)::text FROM sim_refund WHERE charge_id = ?", PaymentsApi.chargeId(payment)))
                .as("refunded at the gateway exactly once each").isEqualTo("100.000");
        assertThat(db.count("SELECT count(*) FROM outbox_event WHERE payment_id = ? AND payload LIKE '%\"REFUNDED\"%'",
                UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void shouldRefundPartiallyThenFully() {
        JsonPath payment = PaymentsApi.succeeded("30.00", "EUR");
        String id = payment.getString("id");
        refund(id, "\"10.00\"").statusCode(201).body("status", equalTo("PENDING")).body("amount", equalTo("10.00"));
        assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("PARTIALLY_REFUNDED");
        refund(id, "\"20.01\"").statusCode(409).body("code", equalTo("refund_exceeds_captured"));
        refund(id, "\"20.00\"").statusCode(201);
        assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("REFUNDED");
        refund(id, "\"0.01\"").statusCode(409).body("code", equalTo("payment_not_refundable"));
        given().auth().oauth2(SERVICE).get("/payments/{id}/refunds", id).then().statusCode(200)
                .body("size()", equalTo(2));
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
    }

    @Test
    void shouldKeepARefundBookedWhileTheGatewayIsDownAndExecuteItOnceItIsBack() {
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        JsonPath payment = PaymentsApi.succeeded("50.00", "USD");
        String id = payment.getString("id");
        PaymentsApi.chaos("{\"duplicateWebhooks\":1,\"webhookDelayMs\":0,\"loseWebhooks\":false,\"reverseOrder\":false,"
                + "\"declineAll\":false,\"timeOutApi\":true}");
        try {
            refund(id, "\"50.00\"").statusCode(201).body("status", equalTo("PENDING"));
            assertThat(db.count("SELECT count(*) FROM sim_refund WHERE charge_id = ?", PaymentsApi.chargeId(payment))).isZero();
        } finally {
            PaymentsApi.calm();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                db.count("SELECT count(*) FROM refund WHERE payment_id = ? AND status = 'SUCCEEDED'", UUID.fromString(id)) == 1);
        assertThat(db.count("SELECT count(*) FROM sim_refund WHERE charge_id = ?", PaymentsApi.chargeId(payment))).isEqualTo(1);
    }

    private static io.restassured.response.ValidatableResponse refund(String paymentId, String amountJson) {
        return given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"amount\":" + amountJson + "}").post("/payments/{id}/refunds", paymentId).then();
    }
}
