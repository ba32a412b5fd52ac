package io.exactsuite.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.exactsuite.payment.outbox.OutboxDispatcher;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The payment outbox carries the trace of the request that created the payment: the delivery to the owner, made
 * later by the dispatcher after a webhook or a verify (other traces), is a span of the creating trace and sends its
 * traceparent, so the owner's handling of the event joins the trace that began with the owner's own request.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class TraceTests {

    @Inject
    InMemorySpanExporter spans;
    @Inject
    OutboxDispatcher dispatcher;

    @Test
    void shouldDeliverThePaymentEventInTheTraceThatCreatedThePayment() {
        PaymentsApi.calm();
        String trace = UUID.randomUUID().toString().replace("-", "");
        String caller = "00-" + trace + "-" + trace.substring(0, 16) + "-01";
        JsonPath payment = given().auth().oauth2(PaymentsApi.SERVICE).header("Idempotency-Key", PaymentsApi.key())
                .header("traceparent", caller).contentType("application/json")
                .body(PaymentsApi.createBody(UUID.randomUUID().toString(), "7.00", "USD"))
                .post("/payments").then().statusCode(201).extract().jsonPath();
        PaymentsApi.completeAtGateway(payment);
        PaymentsApi.verify(payment); // a request of its own trace learns the outcome and records the event

        String path = "/voting-service/purchases/" + payment.getString("purposeId") + "/payment-events";
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            dispatcher.dispatchDue();
            return !OwnerStandIn.server.findAll(postRequestedFor(urlMatching(path))).isEmpty();
        });

        List<LoggedRequest> deliveries = OwnerStandIn.server.findAll(postRequestedFor(urlMatching(path)));
        assertThat(deliveries).allSatisfy(delivery -> assertThat(delivery.getHeader("traceparent"))
                .as("the owner is told the creating trace").startsWith("00-" + trace + "-"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .filteredOn(span -> span.getName().equals("outbox delivery"))
                .filteredOn(span -> span.getAttributes().asMap().toString().contains(payment.getString("id")))
                .isNotEmpty()
                .allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(trace)));
        List<SpanData> created = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(trace) && span.getName().contains("payments")).toList();
        assertThat(created).as("POST /payments is a span of the caller's trace").isNotEmpty();
    }
}
