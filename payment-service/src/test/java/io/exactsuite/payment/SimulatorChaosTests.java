package io.exactsuite.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator misbehaving as real gateways do, end to end through its own signed webhooks. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
class SimulatorChaosTests {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @AfterEach
    void calm() {
        PaymentsApi.calm();
    }

    @Test
    void shouldSucceedOnceWhenWebhooksArriveLateTriplicatedAndNewestFirst() {
        PaymentsApi.chaos("{\"duplicateWebhooks\":3,\"webhookDelayMs\":1500,\"loseWebhooks\":false,\"reverseOrder\":true,"
                + "\"declineAll\":false,\"timeOutApi\":false}");
        JsonPath first = PaymentsApi.create("8.00", "USD");
        JsonPath second = PaymentsApi.create("9.00", "USD");
        PaymentsApi.completeAtGateway(first);
        PaymentsApi.completeAtGateway(second);

        PaymentsApi db = new PaymentsApi(jdbcUrl);
        for (JsonPath payment : new JsonPath[] { first, second }) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(PaymentsApi.get(payment.getString("id")).getString("status")).isEqualTo("SUCCEEDED"));
            assertThat(db.count("SELECT count(*) FROM outbox_event WHERE payment_id = ?",
                    UUID.fromString(payment.getString("id")))).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM webhook_event WHERE charge_id = ?", PaymentsApi.chargeId(payment)))
                    .as("three copies, one event").isEqualTo(1);
        }
    }

    @Test
    void shouldFailOncePaymentsTheSimulatorDeclines() {
        PaymentsApi.chaos("{\"duplicateWebhooks\":2,\"webhookDelayMs\":0,\"loseWebhooks\":false,\"reverseOrder\":false,"
                + "\"declineAll\":true,\"timeOutApi\":false}");
        JsonPath payment = PaymentsApi.create("8.00", "USD");
        PaymentsApi.completeAtGateway(payment);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(PaymentsApi.get(payment.getString("id")).getString("status")).isEqualTo("FAILED"));
        assertThat(new PaymentsApi(jdbcUrl).count("SELECT count(*) FROM outbox_event WHERE payment_id = ?",
                UUID.fromString(payment.getString("id")))).isEqualTo(1);
    }

    @Test
    void shouldRescueALostWebhookThroughVerify() {
        PaymentsApi.chaos("{\"duplicateWebhooks\":1,\"webhookDelayMs\":0,\"loseWebhooks\":true,\"reverseOrder\":false,"
                + "\"declineAll\":false,\"timeOutApi\":false}");
        JsonPath payment = PaymentsApi.create("8.00", "USD");
        PaymentsApi.completeAtGateway(payment);
        assertThat(new PaymentsApi(jdbcUrl).count("SELECT count(*) FROM sim_webhook")).isZero();

        assertThat(PaymentsApi.verify(payment).getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void shouldAnswer503WhileTheGatewayTimesOutAndCreateNothing() {
        PaymentsApi.chaos("{\"duplicateWebhooks\":1,\"webhookDelayMs\":0,\"loseWebhooks\":false,\"reverseOrder\":false,"
                + "\"declineAll\":false,\"timeOutApi\":true}");
        String purposeId = UUID.randomUUID().toString();
        io.restassured.RestAssured.given().auth().oauth2(PaymentsApi.SERVICE).header("Idempotency-Key", PaymentsApi.key())
                .contentType("application/json")
                .body("{\"purpose\":\"ORDER\",\"purposeId\":\"" + purposeId + "\",\"payerId\":\"alice\",\"amount\":\"1.00\",\"currency\":\"USD\"}")
                .post("/payments").then().statusCode(503).header("Retry-After", "5").contentType("application/problem+json");
        assertThat(new PaymentsApi(jdbcUrl).count("SELECT count(*) FROM payment WHERE purpose_id = ?", purposeId)).isZero();
    }
}
