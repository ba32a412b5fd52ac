package io.exactsuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.exactsuite.order.OrdersApi.line;
import static io.exactsuite.order.OrdersApi.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.sun.net.httpserver.HttpServer;
import io.exactsuite.order.order.OrderExpiry;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The expiry job drives its orders' remote steps side by side. The payment stand-in answers a cancel only
 * once every expiring order's cancel has arrived (counted by Idempotency-Key, so retries do not count): one
 * order at a time, the first cancel waits for the others in vain, times out, and the job stalls (what the checker's long run found as a backlog of minutes under faults).
 */
@QuarkusTest
@TestProfile(DependencyFailureTests.OwnBreakers.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class ExpiryTests {

    private static final int ORDERS = 3;

    @Inject
    OrderExpiry expiry;
    @Inject
    io.smallrye.faulttolerance.api.CircuitBreakerMaintenance breakers;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private HttpServer paymentAnsweringWhenAllHaveAsked;
    private StubMapping proxy;
    private final CountDownLatch cancelsArrived = new CountDownLatch(ORDERS);
    private final java.util.Set<String> keysSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeEach
    void paymentServiceThatAnswersOnlyWhenEveryCancelHasArrived() throws IOException {
        DependencyStandIn.answerLikeTheRealServices();
        breakers.resetAll();
        paymentAnsweringWhenAllHaveAsked = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        paymentAnsweringWhenAllHaveAsked.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        paymentAnsweringWhenAllHaveAsked.createContext("/", exchange -> {
            // One count per order (its key), not per request: a client's retry of the same cancel must not count.
            if (keysSeen.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"))) {
                cancelsArrived.countDown();
            }
            boolean together;
            try {
                together = cancelsArrived.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                together = false;
            }
            byte[] body = (together ? "{\"status\":\"CANCELLED\"}"
                    : "{\"code\":\"unavailable\",\"status\":503}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", together ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(together ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        paymentAnsweringWhenAllHaveAsked.start();
        proxy = DependencyStandIn.server.stubFor(post(urlMatching("/payment/payments/[^/]+/cancel")).atPriority(1)
                .willReturn(aResponse().proxiedFrom("http://127.0.0.1:" + paymentAnsweringWhenAllHaveAsked.getAddress().getPort())));
    }

    @AfterEach
    void stop() {
        DependencyStandIn.server.removeStub(proxy);
        paymentAnsweringWhenAllHaveAsked.stop(0);
    }

    @Test
    void shouldDriveTheExpiriesOfSeveralOrdersAtOnce() throws SQLException {
        String product = OrdersApi.product("3.00", "USD", ORDERS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            ids.add(OrdersApi.order(DevTokens.user("alice"), lines(line(product, 1))).statusCode(201).extract().path("id"));
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            connection.createStatement().executeUpdate("UPDATE customer_order SET expires_at = now() - interval '1 second'"
                    + " WHERE id IN ('" + String.join("','", ids) + "')");
        }

        assertThat(expiry.expireDue()).isGreaterThanOrEqualTo(ORDERS);

        for (String id : ids) {
            assertThat(OrdersApi.order(id).getString("status")).as("order %s after one round", id).isEqualTo("EXPIRED");
        }
        assertThat(OrdersApi.product(product).getInt("reserved")).isZero();
    }
}
