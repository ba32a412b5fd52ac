package io.exactsuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.exactsuite.order.OrdersApi.key;
import static io.exactsuite.order.OrdersApi.line;
import static io.exactsuite.order.OrdersApi.lines;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.exactsuite.order.order.OrderChanges;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.Http;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order's life against stand-ins for points- and payment-service. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class CheckoutTests {

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @Inject
    OrderChanges orders;

    private final String customer = DevTokens.user("alice");

    @BeforeEach
    void dependenciesHealthy() {
        DependencyStandIn.answerLikeTheRealServices();
    }

    @Test
    void shouldPriceExactly() {
        String dime = OrdersApi.product("0.10", "USD", 100);
        String price = OrdersApi.product("19.99", "USD", 100);
        OrdersApi.order(customer, lines(line(dime, 3))).statusCode(201).body("total", equalTo("0.30"))
                .body("amountDue", equalTo("0.30")).body("lines[0].subtotal", equalTo("0.30"));
        OrdersApi.order(customer, lines(line(price, 7), line(dime, 3))).statusCode(201)
                .body("total", equalTo("140.23")).body("lines[0].subtotal", equalTo("139.93"))
                .body("orderNo", matchesPattern("ORD-\\d{8}-[0-9A-HJKMNP-TV-Z]{8}"))
                .body("status", equalTo("PENDING_PAYMENT")).body("paymentId", equalTo(DependencyStandIn.PAYMENT_ID));
    }

    @Test
    void shouldHoldPointsAndChargeOnlyTheRemainder() {
        String product = OrdersApi.product("20.00", "USD", 10);
        String account = UUID.randomUUID().toString();
        String id = OrdersApi.order(customer, "{\"lines\":[" + line(product, 1) + "],\"pointsAccountId\":\"" + account
                + "\",\"pointsToRedeem\":150}").statusCode(201)
                .body("pointsRedeemed", equalTo(150)).body("amountDue", equalTo("18.50")).extract().path("id");

        DependencyStandIn.server.verify(1, postRequestedFor(urlEqualTo("/points/accounts/" + account + "/holds"))
                .withHeader("Idempotency-Key", WireMock.matching("order:" + id + ":points-hold:[0-9a-f-]{36}"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + customer))
                .withRequestBody(matchingJsonPath("$.points", WireMock.equalTo("150"))));
        DependencyStandIn.server.verify(1, postRequestedFor(urlEqualTo("/payment/payments"))
                .withHeader("Idempotency-Key", WireMock.equalTo("order:" + id + ":payment"))
                .withRequestBody(matchingJsonPath("$.amount", WireMock.equalTo("18.50"))));
    }

    @Test
    void shouldBecomePaidOnceWhenOneEventIsDeliveredTwentyTimesConcurrently() {
        String product = OrdersApi.product("20.00", "USD", 10);
        String id = OrdersApi.order(customer, "{\"lines\":[" + line(product, 2) + "],\"pointsAccountId\":\""
                + UUID.randomUUID() + "\",\"pointsToRedeem\":100}").statusCode(201).extract().path("id");
        Http http = new Http(base.toString());
        String event = "payment:" + DependencyStandIn.PAYMENT_ID + ":event:1";

        List<Http.Reply> replies = Race.run(20, i -> () -> http.post("/orders/" + id + "/payment-events", OrdersApi.SERVICE,
                i % 2 == 0 ? event : key(), OrdersApi.eventBody(event, "SUCCEEDED")));

        assertThat(replies).extracting(Http.Reply::status).containsOnly(200);
        assertThat(OrdersApi.order(id).getString("status")).isEqualTo("PAID");
        JsonPath stock = OrdersApi.product(product);
        assertThat(stock.getInt("reserved")).isZero();
        assertThat(stock.getInt("sold")).isEqualTo(2);
        assertThat(DependencyStandIn.server.findAll(postRequestedFor(urlMatching("/points/holds/.*/capture")))
                .stream().filter(request -> request.getHeader("Idempotency-Key").startsWith("order:" + id)).count())
                .as("one capture call").isEqualTo(1);
        assertThat(OrdersApi.audit(product).getBoolean("consistent")).isTrue();
    }

    @Test
    void shouldReleaseEverythingOnCancel() {
        String product = OrdersApi.product("20.00", "USD", 10);
        String id = OrdersApi.order(customer, "{\"lines\":[" + line(product, 3) + "],\"pointsAccountId\":\""
                + UUID.randomUUID() + "\",\"pointsToRedeem\":100}").statusCode(201).extract().path("id");

        cancel(customer, id).statusCode(200).body("status", equalTo("CANCELLED"));
        cancel(customer, id).statusCode(409).body("code", equalTo("illegal_transition"));

        assertThat(OrdersApi.product(product).getInt("reserved")).isZero();
        DependencyStandIn.server.verify(postRequestedFor(urlEqualTo("/points/holds/" + DependencyStandIn.HOLD_ID + "/release"))
                .withHeader("Idempotency-Key", WireMock.matching("order:" + id + ":points-hold:[0-9a-f-]{36}:release")));
        DependencyStandIn.server.verify(postRequestedFor(urlEqualTo("/payment/payments/" + DependencyStandIn.PAYMENT_ID + "/cancel"))
                .withHeader("Idempotency-Key", WireMock.equalTo("order:" + id + ":payment-cancel")));
        given().auth().oauth2(DevTokens.user("mallory")).get("/orders/{id}", id).then().statusCode(404);
        given().auth().oauth2(DevTokens.user("mallory")).header("Idempotency-Key", key()).post("/orders/{id}/cancel", id)
                .then().statusCode(404);
    }

    @Test
    void shouldCountStockOnceWhenThePaymentRacesTheExpiryJob() throws Exception {
        for (int round = 0; round < 5; round++) {
            String product = OrdersApi.product("9.00", "USD", 1);
            String id = OrdersApi.order(customer, lines(line(product, 1))).statusCode(201).extract().path("id");
            expireNow(id);
            Http http = new Http(base.toString());

            Race.run(2, i -> () -> i == 0
                    ? orders.expire(UUID.fromString(id))
                    : http.post("/orders/" + id + "/payment-events", OrdersApi.SERVICE, key(),
                            OrdersApi.eventBody("evt-" + id, "SUCCEEDED")).status());

            assertThat(OrdersApi.order(id).getString("status")).as("round %d", round).isEqualTo("PAID");
            JsonPath stock = OrdersApi.product(product);
            assertThat(stock.getInt("sold")).isEqualTo(1);
            assertThat(stock.getInt("reserved")).isZero();
            assertThat(OrdersApi.audit(product).getBoolean("consistent")).isTrue();
        }
    }

    @Test
    void shouldRefundALatePaymentRatherThanOversell() throws Exception {
        String product = OrdersApi.product("9.00", "USD", 1);
        String late = OrdersApi.order(customer, lines(line(product, 1))).statusCode(201).extract().path("id");
        expireNow(late);
        assertThat(orders.expire(UUID.fromString(late))).isTrue();
        String other = OrdersApi.order(DevTokens.user("bob"), lines(line(product, 1))).statusCode(201).extract().path("id");
        OrdersApi.paymentEvent(other, "evt-other-" + other, "SUCCEEDED", key()).statusCode(200);

        OrdersApi.paymentEvent(late, "evt-late-" + late, "SUCCEEDED", key()).statusCode(200)
                .body("status", equalTo("EXPIRED")).body("note", org.hamcrest.Matchers.containsString("payment refunded"));

        JsonPath stock = OrdersApi.product(product);
        assertThat(stock.getInt("sold")).isEqualTo(1);
        assertThat(stock.getInt("available")).isZero();
        DependencyStandIn.server.verify(1, postRequestedFor(urlMatching("/payment/payments/.*/refunds"))
                .withHeader("Idempotency-Key", WireMock.equalTo("order:" + late + ":refund")));
    }

    @Test
    void shouldRefundAPaidOrderAndReturnStockAndPoints() {
        String product = OrdersApi.product("30.00", "USD", 5);
        String id = OrdersApi.order(customer, "{\"lines\":[" + line(product, 1) + "],\"pointsAccountId\":\""
                + UUID.randomUUID() + "\",\"pointsToRedeem\":200}").statusCode(201).extract().path("id");
        given().auth().oauth2(OrdersApi.ADMIN).header("Idempotency-Key", key()).post("/orders/{id}/refund", id)
                .then().statusCode(409).body("code", equalTo("illegal_transition"));
        OrdersApi.paymentEvent(id, "evt-" + id, "SUCCEEDED", key()).statusCode(200).body("status", equalTo("PAID"));
        cancel(customer, id).statusCode(409).body("code", equalTo("illegal_transition"));

        given().auth().oauth2(OrdersApi.ADMIN).header("Idempotency-Key", key()).post("/orders/{id}/refund", id)
                .then().statusCode(200).body("status", equalTo("REFUNDED"));

        JsonPath stock = OrdersApi.product(product);
        assertThat(stock.getInt("sold")).isZero();
        assertThat(stock.getInt("available")).isEqualTo(5);
        DependencyStandIn.server.verify(1, postRequestedFor(urlMatching("/payment/payments/.*/refunds"))
                .withHeader("Idempotency-Key", WireMock.equalTo("order:" + id + ":refund"))
                .withRequestBody(matchingJsonPath("$.amount", WireMock.equalTo("28.00"))));
        DependencyStandIn.server.verify(1, postRequestedFor(urlEqualTo("/points/entries/101/reversal"))
                .withHeader("Idempotency-Key", WireMock.equalTo("order:" + id + ":points-return:101")));
        DependencyStandIn.server.verify(1, postRequestedFor(urlEqualTo("/points/entries/102/reversal"))
                .withHeader("Idempotency-Key", WireMock.equalTo("order:" + id + ":loyalty-reversal")));
    }

    private static io.restassured.response.ValidatableResponse cancel(String token, String id) {
        return given().auth().oauth2(token).header("Idempotency-Key", key()).post("/orders/{id}/cancel", id).then();
    }

    private void expireNow(String orderId) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            connection.createStatement().executeUpdate("UPDATE customer_order SET expires_at = now() - interval '1 second' "
                    + "WHERE id = '" + orderId + "'");
        }
    }
}
