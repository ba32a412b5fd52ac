package io.exactsuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.exactsuite.order.OrdersApi.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.ServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * points-service not listening at all (connection refused). Regression: the REST client's threads
 * had joined the order's transaction, and its rollback failed, so a refused checkout kept its
 * reservation. Client calls now run with the caller's transaction suspended.
 */
@QuarkusTest
@TestProfile(PointsServiceDownTests.NothingListening.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class PointsServiceDownTests {

    public static class NothingListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("orders.points.base-url", "http://127.0.0.1:" + ServiceProcess.freePort());
        }
    }

    @Test
    void shouldAnswer503AndRollTheReservationBack() {
        String product = OrdersApi.product("4.00", "USD", 5);

        for (int attempt = 0; attempt < 3; attempt++) {
            OrdersApi.order(DevTokens.user("gina"), "{\"lines\":[" + line(product, 2) + "],\"pointsAccountId\":\""
                    + UUID.randomUUID() + "\",\"pointsToRedeem\":100}")
                    .statusCode(503).header("Retry-After", "5").body("code", equalTo("dependency_unavailable"));
        }

        assertThat(OrdersApi.product(product).getInt("reserved")).as("every refused checkout rolled back").isZero();
        assertThat(OrdersApi.audit(product).getBoolean("consistent")).isTrue();
        DependencyStandIn.server.verify(0, postRequestedFor(urlEqualTo("/payment/payments")));
    }
}
