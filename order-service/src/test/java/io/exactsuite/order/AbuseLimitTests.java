package io.exactsuite.order;

import static io.exactsuite.order.OrdersApi.line;
import static io.exactsuite.order.OrdersApi.lines;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one customer may not do to everybody else: hold a product away in unpaid orders, order the same
 * line twenty times, book the past or the far future, or order what no payment could carry.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class AbuseLimitTests {

    /** orders.inventory.max-unpaid-units-per-slot's default. */
    private static final int LIMIT = 100;

    private String customer;

    @BeforeEach
    void customer() {
        DependencyStandIn.answerLikeTheRealServices();
        customer = DevTokens.user("hoarder-" + UUID.randomUUID());
    }

    @Test
    void shouldCapTheUnitsOneCustomerHoldsInUnpaidOrders() {
        String product = OrdersApi.product("5.00", "USD", 1_000);
        String first = OrdersApi.order(customer, lines(line(product, 60))).statusCode(201).extract().path("id");
        OrdersApi.order(customer, lines(line(product, 60))).statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("unpaid_units_limit")).body("held", equalTo(60)).body("limit", equalTo(LIMIT));
        OrdersApi.order(customer, lines(line(product, 40))).statusCode(201);
        assertThat(OrdersApi.product(product).getInt("reserved")).isEqualTo(100);

        OrdersApi.order(DevTokens.user("someone-else-" + UUID.randomUUID()), lines(line(product, 60))).statusCode(201);
        given().auth().oauth2(customer).header("Idempotency-Key", OrdersApi.key()).post("/orders/{id}/cancel", first)
                .then().statusCode(200);
        OrdersApi.order(customer, lines(line(product, 60))).statusCode(201); // a cancelled order holds nothing
        assertThat(OrdersApi.product(product).getInt("reserved")).isEqualTo(160);
    }

    @Test
    void shouldCapEachNightOfAStayOnItsOwn() {
        LocalDate night = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        String room = OrdersApi.room("80.00", 500, night.toString(), night.plusDays(1).toString(), night.plusDays(2).toString());
        OrdersApi.order(customer, stay(room, 70, night, night.plusDays(2))).statusCode(201);
        OrdersApi.order(customer, stay(room, 70, night.plusDays(1), night.plusDays(3))).statusCode(409)
                .body("code", equalTo("unpaid_units_limit"));
        OrdersApi.order(customer, stay(room, 70, night.plusDays(2), night.plusDays(3))).statusCode(201);
    }

    /** Without the check under the row lock, concurrent orders each see the others' units missing and all pass. */
    @Test
    void shouldHoldTheCapWhenOneCustomerOrdersConcurrently() throws Exception {
        String product = OrdersApi.product("5.00", "USD", 1_000);
        int attempts = 8;
        CyclicBarrier start = new CyclicBarrier(attempts);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return OrdersApi.order(customer, lines(line(product, 30))).extract().statusCode();
                }));
            }
            int placed = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get();
                assertThat(code).isIn(201, 409);
                placed += code == 201 ? 1 : 0;
            }
            assertThat(placed).isEqualTo(LIMIT / 30);
            assertThat(OrdersApi.product(product).getInt("reserved")).isEqualTo(30 * placed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseTheSameLineTwice() {
        String product = OrdersApi.product("5.00", "USD", 1_000);
        OrdersApi.order(customer, lines(line(product, 5), line(product, 5))).statusCode(400)
                .body("code", equalTo("validation_failed")).body("errors.field", hasItem("lines[1]"));
        assertThat(OrdersApi.product(product).getInt("reserved")).isZero();
    }

    @Test
    void shouldRefuseDatesInThePastOrBeyondTheHorizon() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String room = OrdersApi.room("80.00", 5, today.plusDays(1).toString());
        OrdersApi.order(customer, "{\"lines\":[{\"productId\":\"" + room + "\",\"quantity\":1,\"date\":\"1900-01-01\"}]}")
                .statusCode(400).body("code", equalTo("validation_failed")).body("errors.field", hasItem("lines[0].date"));
        OrdersApi.order(customer, stay(room, 1, today.minusDays(3), today.plusDays(1)))
                .statusCode(400).body("errors.field", hasItem("lines[0].checkIn"));
        OrdersApi.order(customer, stay(room, 1, today.plusDays(731), today.plusDays(732)))
                .statusCode(400).body("errors.field", hasItem("lines[0].checkIn"));
        OrdersApi.order(customer, "{\"lines\":[{\"productId\":\"" + room + "\",\"quantity\":1,\"date\":\"+999999999-12-31\"}]}")
                .statusCode(400).contentType("application/problem+json");
        assertThat(OrdersApi.product(room).getInt("reserved")).isZero();
    }

    @Test
    void shouldRefuseWhatNoPaymentCouldCarry() {
        given().auth().oauth2(OrdersApi.ADMIN).header("Idempotency-Key", OrdersApi.key()).contentType(ContentType.JSON)
                .body("{\"sku\":\"BIG-" + UUID.randomUUID() + "\",\"kind\":\"TICKET\",\"name\":\"x\",\"price\":\"1000000.01\","
                        + "\"currency\":\"USD\",\"capacity\":1}")
                .post("/products").then().statusCode(400).body("code", equalTo("validation_failed"))
                .body("errors.field", hasItem("price"));
        given().auth().oauth2(OrdersApi.ADMIN).header("Idempotency-Key", OrdersApi.key()).contentType(ContentType.JSON)
                .body("{\"sku\":\"SEK-" + UUID.randomUUID() + "\",\"kind\":\"TICKET\",\"name\":\"x\",\"price\":\"10.00\","
                        + "\"currency\":\"SEK\",\"capacity\":1}")
                .post("/products").then().statusCode(422).body("code", equalTo("currency_not_accepted"));
        given().auth().oauth2(OrdersApi.ADMIN).header("Idempotency-Key", OrdersApi.key()).contentType(ContentType.JSON)
                .body("{\"sku\":\"HUGE-" + UUID.randomUUID() + "\",\"kind\":\"TICKET\",\"name\":\"x\",\"price\":\""
                        + "1".repeat(25) + "\",\"currency\":\"USD\",\"capacity\":1}")
                .post("/products").then().statusCode(400).contentType("application/problem+json");

        String dear = OrdersApi.product("600000.00", "USD", 10);
        OrdersApi.order(customer, lines(line(dear, 2))).statusCode(422).body("code", equalTo("amount_above_payment_maximum"));
        assertThat(OrdersApi.product(dear).getInt("reserved")).isZero();
    }

    private static String stay(String room, int quantity, LocalDate checkIn, LocalDate checkOut) {
        return "{\"lines\":[{\"productId\":\"" + room + "\",\"quantity\":" + quantity + ",\"checkIn\":\"" + checkIn
                + "\",\"checkOut\":\"" + checkOut + "\"}]}";
    }
}
