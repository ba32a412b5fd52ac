package io.exactsuite.payment;

import static io.exactsuite.payment.PaymentsApi.SERVICE;
import static io.exactsuite.payment.PaymentsApi.key;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class CancelTests {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void shouldReportASuccessArrivingAfterCancelToTheOwner() {
        JsonPath payment = PaymentsApi.create("12.00", "USD");
        String id = payment.getString("id");
        cancel(id).statusCode(200).body("status", equalTo("CANCELLED"));
        cancel(id).statusCode(409).body("code", equalTo("illegal_transition"));

        PaymentsApi.completeAtGateway(payment); // the payer was still on the checkout page

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("SUCCEEDED"));
        assertThat(PaymentsApi.get(id).getBoolean("succeededAfterFailure")).isTrue();
        assertThat(new PaymentsApi(jdbcUrl).text("SELECT payload FROM outbox_event WHERE payment_id = ?", UUID.fromString(id)))
                .contains("\"status\":\"SUCCEEDED\"").contains("\"succeededAfterFailure\":true");
    }

    @Test
    void shouldNotCancelAPaidPayment() {
        String id = PaymentsApi.succeeded("12.00", "USD").getString("id");
        cancel(id).statusCode(409).body("code", equalTo("illegal_transition"));
        assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("SUCCEEDED");
    }

    private static io.restassured.response.ValidatableResponse cancel(String id) {
        return given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).post("/payments/{id}/cancel", id).then();
    }
}
