package io.exactsuite.payment;

import static io.exactsuite.payment.PaymentsApi.SERVICE;
import static io.exactsuite.payment.PaymentsApi.chargeId;
import static io.exactsuite.payment.PaymentsApi.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.Http;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 000: the verify callback ran twice and doubled the votes. Here any number of reports make one transition. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class VerifyRaceTests {

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @BeforeEach
    void simulatorSendsNothingOnItsOwn() {
        // The test sends the duplicate webhooks itself, released with the verify calls by one latch.
        PaymentsApi.chaos("\"loseWebhooks\":true");
    }

    @AfterEach
    void calm() {
        PaymentsApi.calm();
    }

    @Test
    void shouldSucceedOnceWhenFiftyVerifiesRaceFiveDuplicateWebhooks() {
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        JsonPath payment = PaymentsApi.create("25.00", "USD");
        String paymentId = payment.getString("id");
        PaymentsApi.completeAtGateway(payment);
        Http http = new Http(base.toString());
        String event = "evt_" + UUID.randomUUID();
        String webhook = PaymentsApi.webhookBody(event, chargeId(payment));

        List<Integer> statuses = Race.run(55, i -> () -> i < 50
                ? http.post("/payments/" + payment.getString("reference") + "/verify", SERVICE, key(), null).status()
                : postWebhook(webhook, PaymentsApi.sign(PaymentsApi.SECRET, Instant.now().getEpochSecond(), webhook)));

        assertThat(statuses).containsOnly(200);
        assertThat(PaymentsApi.get(paymentId).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(db.count("SELECT count(*) FROM outbox_event WHERE payment_id = ?", UUID.fromString(paymentId)))
                .as("one event for the owner").isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM webhook_event WHERE event_id = ?", event)).isEqualTo(1);
        assertThat(PaymentsApi.gatewayCharge(payment).getString("status")).as("captured at the gateway").isEqualTo("success");
    }

    @Test
    void shouldLeaveAPaymentPendingWhileThePayerHasNotPaid() {
        JsonPath payment = PaymentsApi.create("5.00", "EUR");
        assertThat(PaymentsApi.verify(payment).getString("status")).isEqualTo("PENDING");
        assertThat(new PaymentsApi(jdbcUrl).count("SELECT count(*) FROM outbox_event WHERE payment_id = ?",
                UUID.fromString(payment.getString("id")))).isZero();
    }

    @Test
    void shouldFailOnceWhenThePayerDeclines() {
        JsonPath payment = PaymentsApi.create("5.00", "EUR");
        PaymentsApi.payerAction(payment, "decline");
        assertThat(PaymentsApi.verify(payment).getString("status")).isEqualTo("FAILED");
        assertThat(PaymentsApi.verify(payment).getString("status")).isEqualTo("FAILED");
        assertThat(new PaymentsApi(jdbcUrl).text("SELECT payload FROM outbox_event WHERE payment_id = ?",
                UUID.fromString(payment.getString("id")))).contains("\"status\":\"FAILED\"");
    }

    private int postWebhook(String body, String signature) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "webhooks/gateway"))
                .header("Content-Type", "application/json").header("Gateway-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
