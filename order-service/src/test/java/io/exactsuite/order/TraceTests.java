package io.exactsuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * One trace from POST /orders to the order becoming PAID: order-service sends the caller's trace to payment-service
 * (which keeps it on the payment and its outbox events, payment TraceTests), and the payment event that comes back
 * in that trace is handled, and the order paid, inside it.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class TraceTests {

    @Inject
    InMemorySpanExporter spans;
    @Inject
    CircuitBreakerMaintenance breakers;

    @Test
    void shouldKeepOneTraceFromPlacingTheOrderToItBeingPaid() {
        DependencyStandIn.answerLikeTheRealServices();
        String trace = UUID.randomUUID().toString().replace("-", "");
        String product = OrdersApi.product("4.00", "USD", 3);
        String order = given().auth().oauth2(DevTokens.user("tracer")).header("Idempotency-Key", OrdersApi.key())
                .header("traceparent", "00-" + trace + "-" + trace.substring(0, 16) + "-01").contentType("application/json")
                .body(OrdersApi.lines(OrdersApi.line(product, 1))).post("/orders")
                .then().statusCode(201).extract().path("id");

        assertThat(DependencyStandIn.server.findAll(postRequestedFor(urlEqualTo("/payment/payments"))))
                .as("payment-service is asked in the caller's trace").last()
                .satisfies(request -> assertThat(request.getHeader("traceparent")).startsWith("00-" + trace + "-"));

        // payment-service's outbox delivers the event with the payment's trace (a span of its own in it).
        given().auth().oauth2(DevTokens.service("payment-service")).header("Idempotency-Key", OrdersApi.key())
                .header("traceparent", "00-" + trace + "-" + trace.substring(16) + "-01").contentType("application/json")
                .body(OrdersApi.eventBody("evt-trace-" + order, "SUCCEEDED")).post("/orders/{id}/payment-events", order)
                .then().statusCode(200).body("status", equalTo("PAID"));

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .filteredOn(span -> span.getTraceId().equals(trace)).extracting(span -> span.getName())
                .anyMatch(name -> name.contains("/orders") && name.startsWith("POST") && !name.contains("payment-events"))
                .anyMatch(name -> name.contains("payment-events")));
        assertThat(OrdersApi.order(order).getString("status")).isEqualTo("PAID");
    }

    /** Log lines written while handling a request carry its trace: the JSON log format prints them as mdc fields. */
    @Test
    void shouldLogWithTheRequestsTraceAndSpanIds() {
        String trace = UUID.randomUUID().toString().replace("-", "");
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext && String.valueOf(ext.getFormattedMessage()).contains("unavailable")) {
                    logged.add(ext.getMdc("traceId") + " " + ext.getMdc("spanId"));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try {
            DependencyStandIn.server.stubFor(post(urlEqualTo("/payment/payments")).atPriority(1)
                    .willReturn(aResponse().withStatus(503)));
            String product = OrdersApi.product("4.00", "USD", 3);
            given().auth().oauth2(DevTokens.user("tracer")).header("Idempotency-Key", OrdersApi.key())
                    .header("traceparent", "00-" + trace + "-" + trace.substring(0, 16) + "-01")
                    .contentType("application/json").body(OrdersApi.lines(OrdersApi.line(product, 1))).post("/orders")
                    .then().statusCode(503).body("code", equalTo("dependency_unavailable"));
        } finally {
            Logger.getLogger("").removeHandler(capture);
            DependencyStandIn.answerLikeTheRealServices();
            breakers.resetAll();
        }

        assertThat(logged).as("the warning that payment-service is unavailable").isNotEmpty()
                .allSatisfy(ids -> assertThat(ids).matches(trace + " [0-9a-f]{16}"));
    }
}
