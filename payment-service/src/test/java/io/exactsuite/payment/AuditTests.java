package io.exactsuite.payment;

import static io.exactsuite.payment.PaymentsApi.ADMIN;
import static io.exactsuite.payment.PaymentsApi.SERVICE;
import static io.exactsuite.payment.PaymentsApi.key;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class AuditTests {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void shouldSumWhatPaymentsCapturedAndGaveBackSinceAnInstant() {
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        String since = Instant.now().minusMillis(1).toString();
        String refunded = PaymentsApi.succeeded("30.00", "CHF").getString("id");
        PaymentsApi.succeeded("12.00", "CHF");
        PaymentsApi.create("5.00", "CHF");
        refund(refunded, "10.00");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                "SELECT count(*) FROM refund WHERE payment_id = ? AND status = 'SUCCEEDED'", UUID.fromString(refunded)) == 1);

        Map<String, Object> line = chf(since);
        assertThat(line).containsEntry("purpose", "VOTES").containsEntry("payments", 3).containsEntry("pending", 1)
                .containsEntry("captured", "42.00").containsEntry("refunded", "10.00").containsEntry("refunding", "0.00")
                .containsEntry("net", "32.00").containsEntry("refundsSucceeded", "10.00").containsEntry("consistent", true);
    }

    @Test
    void shouldSayInconsistentWhenAPaymentsRefundedAmountDisagreesWithItsRefunds() {
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        String since = Instant.now().minusMillis(1).toString();
        String id = PaymentsApi.succeeded("20.00", "CHF").getString("id");
        db.update("UPDATE payment SET refunded_amount = 5, status = 'PARTIALLY_REFUNDED' WHERE id = ?", UUID.fromString(id));

        assertThat(chf(since)).containsEntry("refunded", "5.00").containsEntry("refundsSucceeded", "0.00")
                .containsEntry("consistent", false);
    }

    @Test
    void shouldRefuseAMalformedInstantAndNonAdmins() {
        given().auth().oauth2(ADMIN).queryParam("since", "yesterday").get("/payments/audit").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"));
        given().auth().oauth2(SERVICE).get("/payments/audit").then().statusCode(403);
    }

    private static Map<String, Object> chf(String since) {
        JsonPath lines = given().auth().oauth2(ADMIN).queryParam("since", since).get("/payments/audit").then().statusCode(200)
                .extract().jsonPath();
        assertThat(lines.getList("currency")).as("only this test's payments count").containsExactly("CHF");
        return lines.getMap("[0]");
    }

    private static void refund(String paymentId, String amount) {
        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"amount\":\"" + amount + "\"}").post("/payments/{id}/refunds", paymentId).then().statusCode(201);
    }
}
