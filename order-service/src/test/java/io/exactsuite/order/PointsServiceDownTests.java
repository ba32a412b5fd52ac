package io.exactsuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.exactsuite.order.OrdersApi.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.exactsuite.order.order.Completer;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.ServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * points-service not listening at all (connection refused). Regression: the REST client's threads
 * had joined the order's transaction, and its rollback failed, so a refused checkout kept its
 * reservation. Client calls now run with the caller's transaction suspended. The refused checkout keeps
 * its stock only until points-service can confirm that no hold of it is out; then the completer lets go.
 */
@QuarkusTest
@TestProfile(PointsServiceDownTests.NothingListening.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class PointsServiceDownTests {

    private static final int POINTS_PORT = ServiceProcess.freePort();

    public static class NothingListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("orders.points.base-url", "http://127.0.0.1:" + POINTS_PORT);
        }
    }

    @Inject
    Completer completer;

    @Test
    void shouldAnswer503AndLetTheStockGoOncePointsServiceConfirmsNoHold() {
        String product = OrdersApi.product("4.00", "USD", 5);

        OrdersApi.order(DevTokens.user("gina"), "{\"lines\":[" + line(product, 2) + "],\"pointsAccountId\":\""
                + UUID.randomUUID() + "\",\"pointsToRedeem\":100}")
                .statusCode(503).header("Retry-After", "5").body("code", equalTo("dependency_unavailable"));

        assertThat(OrdersApi.product(product).getInt("reserved")).as("held while the hold's fate is unknown").isEqualTo(2);
        assertThat(OrdersApi.audit(product).getBoolean("consistent")).isTrue();
        DependencyStandIn.server.verify(0, postRequestedFor(urlEqualTo("/payment/payments")));

        WireMockServer points = new WireMockServer(WireMockConfiguration.options().port(POINTS_PORT).bindAddress("127.0.0.1"));
        points.start();
        try {
            points.stubFor(post(urlMatching("/accounts/[^/]+/holds/void")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"status\":\"VOIDED\"}")));
            assertThat(completer.completeDue(100)).isEqualTo(1);
        } finally {
            points.stop();
        }
        assertThat(OrdersApi.product(product).getInt("reserved")).as("every refused checkout rolled back").isZero();
        assertThat(OrdersApi.audit(product).getBoolean("consistent")).isTrue();
    }
}
