package io.exactsuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.exactsuite.order.OrdersApi.key;
import static io.exactsuite.order.OrdersApi.line;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.exactsuite.order.order.Reconciliation;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A payment that succeeded at payment-service while its event never arrived (dead-lettered, say) and the
 * order lapsed meanwhile. The old code had no way to ask: the order stayed cancelled with the money taken.
 */
@QuarkusTest
@TestProfile(DependencyFailureTests.OwnBreakers.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class ReconciliationTests {

    @jakarta.inject.Inject
    io.smallrye.faulttolerance.api.CircuitBreakerMaintenance breakers;

    @Inject
    Reconciliation reconciliation;

    private final String customer = DevTokens.user("alice");

    @BeforeEach
    void dependenciesHealthy() {
        DependencyStandIn.answerLikeTheRealServices();
        breakers.resetAll(); // an earlier test's outage must not leave a circuit open for this one
        paymentServiceSays("SUCCEEDED");
        // The payer paid just before the cancel: payment-service refuses to cancel a paid payment.
        DependencyStandIn.server.stubFor(post(urlEqualTo("/payment/payments/" + DependencyStandIn.PAYMENT_ID + "/cancel"))
                .atPriority(1).willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":409,\"code\":\"illegal_transition\"}")));
    }

    @Test
    void shouldHonourAnUnheardSuccessWhileTheStockRemainsAndOnlyOnce() {
        String product = OrdersApi.product("6.00", "USD", 3);
        String orderId = cancelledOrder(product);

        reconciliation.reconcileDue(500);

        assertThat(OrdersApi.order(orderId).getString("status")).isEqualTo("PAID");
        assertThat(OrdersApi.order(orderId).getString("note")).contains("honoured");
        assertThat(OrdersApi.audit(product).getInt("sold")).isEqualTo(1);

        OrdersApi.paymentEvent(orderId, "payment:late:event:1", "SUCCEEDED", key()).statusCode(200)
                .body("status", equalTo("PAID"));
        reconciliation.reconcileDue(500);
        assertThat(OrdersApi.audit(product).getInt("sold")).as("the success applied once, whichever way it came").isEqualTo(1);
    }

    @Test
    void shouldRefundAnUnheardSuccessWhenTheStockIsGoneAndNeverTwice() {
        String product = OrdersApi.product("6.00", "USD", 1);
        String orderId = cancelledOrder(product);
        given().auth().oauth2(DevTokens.user("bob")).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body(OrdersApi.lines(line(product, 1))).post("/orders").then().statusCode(201);

        reconciliation.reconcileDue(500);

        assertThat(OrdersApi.order(orderId).getString("status")).isEqualTo("CANCELLED");
        assertThat(OrdersApi.order(orderId).getString("note")).contains("payment refunded");
        OrdersApi.paymentEvent(orderId, "payment:late:event:1", "SUCCEEDED", key()).statusCode(200);
        reconciliation.reconcileDue(500);
        DependencyStandIn.server.verify(1, postRequestedFor(urlEqualTo("/payment/payments/" + DependencyStandIn.PAYMENT_ID
                + "/refunds")).withHeader("Idempotency-Key", WireMock.equalTo("order:" + orderId + ":refund")));
        assertThat(OrdersApi.audit(product).getBoolean("consistent")).isTrue();
    }

    @Test
    void shouldLeaveALapsedOrderAloneWhileItsPaymentDidNotSucceed() {
        paymentServiceSays("CANCELLED");
        String product = OrdersApi.product("6.00", "USD", 3);
        String orderId = cancelledOrder(product);

        reconciliation.reconcileDue(500);

        assertThat(OrdersApi.order(orderId).getString("status")).isEqualTo("CANCELLED");
        assertThat(OrdersApi.audit(product).getInt("sold")).isZero();
    }

    private String cancelledOrder(String product) {
        String orderId = given().auth().oauth2(customer).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body(OrdersApi.lines(line(product, 1))).post("/orders").then().statusCode(201).extract().path("id");
        given().auth().oauth2(customer).header("Idempotency-Key", key()).post("/orders/{id}/cancel", orderId)
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        return orderId;
    }

    private static void paymentServiceSays(String status) {
        DependencyStandIn.server.stubFor(get(urlEqualTo("/payment/payments/" + DependencyStandIn.PAYMENT_ID)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + DependencyStandIn.PAYMENT_ID + "\",\"status\":\"" + status + "\"}")));
    }
}
