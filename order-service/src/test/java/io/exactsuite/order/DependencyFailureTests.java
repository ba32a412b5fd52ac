package io.exactsuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.exactsuite.order.OrdersApi.line;
import static io.exactsuite.order.OrdersApi.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dependencies that fail, reset connections or answer too slowly. Its own application instance, so the
 * circuit breakers these failures feed cannot trip for the other test classes.
 */
@QuarkusTest
@TestProfile(DependencyFailureTests.OwnBreakers.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class DependencyFailureTests {

    @jakarta.inject.Inject
    io.smallrye.faulttolerance.api.CircuitBreakerMaintenance breakers;

    public static class OwnBreakers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("orders.payment-ttl", "PT15M");
        }
    }

    private final String customer = DevTokens.user("alice");

    @BeforeEach
    void dependenciesHealthy() {
        DependencyStandIn.answerLikeTheRealServices();
        breakers.resetAll(); // an earlier test's outage must not leave a circuit open for this one
    }

    @Test
    void shouldRetryADependencyThatFailsThenRecovers() {
        DependencyStandIn.server.stubFor(post(urlEqualTo("/payment/payments")).atPriority(1).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503)).willSetStateTo("reset"));
        DependencyStandIn.server.stubFor(post(urlEqualTo("/payment/payments")).atPriority(1).inScenario("flaky")
                .whenScenarioStateIs("reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("up"));
        String product = OrdersApi.product("4.00", "USD", 5);

        OrdersApi.order(customer, lines(line(product, 1))).statusCode(201).body("paymentId", equalTo(DependencyStandIn.PAYMENT_ID));
        assertThat(OrdersApi.product(product).getInt("reserved")).isEqualTo(1);
    }

    @Test
    void shouldAnswer503AndReserveNothingWhenPaymentServiceIsTooSlow() {
        DependencyStandIn.server.stubFor(post(urlEqualTo("/payment/payments")).atPriority(1)
                .willReturn(aResponse().withStatus(201).withFixedDelay(3_000)));
        String product = OrdersApi.product("4.00", "USD", 5);

        OrdersApi.order(customer, "{\"lines\":[" + line(product, 2) + "],\"pointsAccountId\":\"" + UUID.randomUUID()
                + "\",\"pointsToRedeem\":100}").statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5").body("code", equalTo("dependency_unavailable"));

        JsonPath stock = OrdersApi.product(product);
        assertThat(stock.getInt("reserved")).isZero();
        assertThat(stock.getInt("available")).isEqualTo(5);
        DependencyStandIn.server.verify(postRequestedFor(urlEqualTo("/points/holds/" + DependencyStandIn.HOLD_ID + "/release")));
    }
}
