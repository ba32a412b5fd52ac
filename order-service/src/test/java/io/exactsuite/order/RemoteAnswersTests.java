package io.exactsuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.exactsuite.order.OrdersApi.key;
import static io.exactsuite.order.OrdersApi.line;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Across services: a retried checkout converges on one hold and one payment, and every remote answer
 * is read by its problem code, never by its status alone. Shares its application (and breakers) with
 * DependencyFailureTests, apart from the other tests.
 */
@QuarkusTest
@TestProfile(DependencyFailureTests.OwnBreakers.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class RemoteAnswersTests {

    @jakarta.inject.Inject
    io.smallrye.faulttolerance.api.CircuitBreakerMaintenance breakers;

    private final String customer = DevTokens.user("alice");

    @BeforeEach
    void dependenciesHealthy() {
        DependencyStandIn.answerLikeTheRealServices();
        breakers.resetAll(); // an earlier test's outage must not leave a circuit open for this one
    }

    /**
     * Fails on the old code: each attempt drew a random order id, so the retry asked for a second hold while the
     * first was still held. Every attempt abandoned on the 503 releases its hold before the order is forgotten; a
     * later attempt records the order anew and asks for its hold under a placement key of its own.
     */
    @Test
    void shouldAskForOneHoldAndOnePaymentHoweverOftenACheckoutIsRetried() {
        String product = OrdersApi.product("4.00", "USD", 5);
        String key = key();
        String body = "{\"lines\":[" + line(product, 1) + "],\"pointsAccountId\":\"" + UUID.randomUUID()
                + "\",\"pointsToRedeem\":100}";
        var down = DependencyStandIn.server.stubFor(post(urlEqualTo("/payment/payments")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        place(key, body).statusCode(503);

        DependencyStandIn.server.removeStub(down); // payment-service is back; the request journal is kept
        // The client retries with the same key, as long as it takes (the breaker may still be open).
        String[] orderId = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var reply = place(key, body).extract();
            orderId[0] = reply.statusCode() == 201 ? reply.path("id") : null;
            return orderId[0] != null;
        });

        Set<String> holdKeys = keysSentTo("/points/accounts/[^/]+/holds");
        assertThat(holdKeys).allMatch(holdKey -> holdKey.startsWith("order:" + orderId[0] + ":points-hold:"));
        assertThat(DependencyStandIn.server.findAll(postRequestedFor(urlMatching("/points/holds/[^/]+/release"))))
                .as("every placement's hold released but the last one's").hasSize(holdKeys.size() - 1);
        assertThat(keysSentTo("/payment/payments")).containsExactly("order:" + orderId[0] + ":payment");
    }

    /**
     * An admin refunded 3.00 of a 10.00 order at payment-service. Fails on the old code, which took the
     * 409 for "already refunded", marked the order REFUNDED and never refunded the other 7.00.
     */
    @Test
    void shouldRefundWhatIsStillRefundableWhenPartWasRefundedElsewhere() {
        String orderId = paidOrder("10.00");
        DependencyStandIn.server.stubFor(post(urlEqualTo("/payment/payments/" + DependencyStandIn.PAYMENT_ID + "/refunds"))
                .withHeader("Idempotency-Key", WireMock.equalTo("order:" + orderId + ":refund")).atPriority(1)
                .willReturn(problem(409, "refund_exceeds_captured", ",\"refundable\":\"7.00\"")));

        refund(orderId).statusCode(200).body("status", equalTo("REFUNDED")).body("note", containsString("remaining 7.00 USD"));

        DependencyStandIn.server.verify(postRequestedFor(urlEqualTo("/payment/payments/" + DependencyStandIn.PAYMENT_ID + "/refunds"))
                .withHeader("Idempotency-Key", WireMock.equalTo("order:" + orderId + ":refund-rest:7.00"))
                .withRequestBody(matchingJsonPath("$.amount", WireMock.equalTo("7.00"))));
    }

    /** A payment payment-service will not refund is not an order refunded: the order stays PAID. */
    @Test
    void shouldLeaveAnOrderPaidWhenItsPaymentCannotBeRefunded() {
        String orderId = paidOrder("10.00");
        DependencyStandIn.server.stubFor(post(urlEqualTo("/payment/payments/" + DependencyStandIn.PAYMENT_ID + "/refunds"))
                .atPriority(1).willReturn(problem(409, "payment_not_refundable", "")));
        DependencyStandIn.server.stubFor(get(urlEqualTo("/payment/payments/" + DependencyStandIn.PAYMENT_ID)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + DependencyStandIn.PAYMENT_ID + "\",\"status\":\"PENDING\"}")));

        refund(orderId).statusCode(409).body("code", equalTo("payment_not_refundable"));
        assertThat(OrdersApi.order(orderId).getString("status")).isEqualTo("PAID");
    }

    /**
     * The capture committed at points-service but the order's transaction rolled back (earning failed).
     * Cancelling then hears "hold not active". Fails on the old code, which took that as harmless and
     * kept the customer's points.
     */
    @Test
    void shouldGiveBackThePointsOfAHoldAlreadyCapturedWhenTheOrderIsCancelled() {
        String product = OrdersApi.product("4.00", "USD", 5);
        String orderId = place(key(), "{\"lines\":[" + line(product, 1) + "],\"pointsAccountId\":\"" + UUID.randomUUID()
                + "\",\"pointsToRedeem\":100}").statusCode(201).extract().path("id");
        DependencyStandIn.server.stubFor(post(urlEqualTo("/points/holds/" + DependencyStandIn.HOLD_ID + "/release"))
                .atPriority(1).willReturn(problem(409, "hold_not_active", "")));
        DependencyStandIn.server.stubFor(get(urlEqualTo("/points/holds/" + DependencyStandIn.HOLD_ID)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + DependencyStandIn.HOLD_ID + "\",\"status\":\"CAPTURED\"}")));

        given().auth().oauth2(customer).header("Idempotency-Key", key()).post("/orders/{id}/cancel", orderId)
                .then().statusCode(200).body("status", equalTo("CANCELLED"));

        DependencyStandIn.server.verify(postRequestedFor(urlEqualTo("/points/holds/" + DependencyStandIn.HOLD_ID + "/capture"))
                .withHeader("Business-Reference", WireMock.equalTo("order:" + orderId + ":points-capture")));
        DependencyStandIn.server.verify(postRequestedFor(urlEqualTo("/points/entries/101/reversal"))
                .withHeader("Idempotency-Key", WireMock.equalTo("order:" + orderId + ":points-return:101"))
                .withHeader("Business-Reference", WireMock.equalTo("order:" + orderId + ":points-return:101")));
    }

    private String paidOrder(String price) {
        String product = OrdersApi.product(price, "USD", 5);
        String orderId = place(key(), OrdersApi.lines(line(product, 1))).statusCode(201).extract().path("id");
        OrdersApi.paymentEvent(orderId, "evt-" + UUID.randomUUID(), "SUCCEEDED", key()).statusCode(200)
                .body("status", equalTo("PAID"));
        return orderId;
    }

    private io.restassured.response.ValidatableResponse place(String key, String body) {
        return given().auth().oauth2(customer).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/orders").then();
    }

    private static io.restassured.response.ValidatableResponse refund(String orderId) {
        return given().auth().oauth2(OrdersApi.ADMIN).header("Idempotency-Key", key()).post("/orders/{id}/refund", orderId)
                .then();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder problem(int status, String code,
            String extra) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":" + status + ",\"code\":\"" + code + "\"" + extra + "}");
    }

    private static Set<String> keysSentTo(String pathRegex) {
        return DependencyStandIn.server.findAll(postRequestedFor(urlMatching(pathRegex))).stream()
                .map(request -> request.getHeader("Idempotency-Key")).collect(Collectors.toSet());
    }
}
