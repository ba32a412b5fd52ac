package io.exactsuite.order;

import static io.exactsuite.order.OrdersApi.line;
import static io.exactsuite.order.OrdersApi.lines;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad requests are 4xx problem+json and leave stock exactly as it was. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class BadInputTests {

    private final String customer = DevTokens.user("alice");
    private String usd;
    private String eur;
    private String room;

    @BeforeEach
    void catalog() {
        DependencyStandIn.answerLikeTheRealServices();
        usd = OrdersApi.product("10.00", "USD", 5);
        eur = OrdersApi.product("10.00", "EUR", 5);
        room = OrdersApi.room("90.00", 2, "2027-05-01", "2027-05-02");
    }

    @Test
    void shouldRejectMalformedLines() {
        rejected(lines(line(usd, 0)), 400, "validation_failed");
        OrdersApi.order(customer, lines(line(usd, 1), line(eur, 0))).statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("lines[1].quantity"));
        rejected(lines(line(usd, 101)), 400, "validation_failed");
        rejected("{\"lines\":[]}", 400, "validation_failed");
        rejected("{\"lines\":[{\"productId\":\"" + usd + "\",\"quantity\":1.5}]}", 400, "invalid_value");
        rejected("{\"lines\":[{\"productId\":\"" + usd + "\",\"quantity\":1,\"gift\":true}]}", 400, "unknown_property");
        rejected(lines(line(UUID.randomUUID().toString(), 1)), 422, "unknown_product");
        rejected(lines(line(usd, 1), line(eur, 1)), 422, "currency_mismatch");
        rejected("{\"lines\":[" + line(usd, 1) + "],\"pointsToRedeem\":100}", 400, "validation_failed");
        rejected("{\"lines\":[" + line(usd, 1) + "],\"pointsAccountId\":\"" + UUID.randomUUID() + "\",\"pointsToRedeem\":1000}",
                422, "points_exceed_total");
        rejected("{\"lines\":[" + line(usd, 1) + "],\"pointsAccountId\":\"" + UUID.randomUUID() + "\",\"pointsToRedeem\":-1}",
                400, "validation_failed");
        assertThat(OrdersApi.product(usd).getInt("reserved")).isZero();
        assertThat(OrdersApi.product(eur).getInt("reserved")).isZero();
    }

    @Test
    void shouldRejectDatesThatDoNotFitTheProduct() {
        rejected("{\"lines\":[{\"productId\":\"" + usd + "\",\"quantity\":1,\"date\":\"2027-05-01\"}]}", 400, "validation_failed");
        rejected(lines(line(room, 1)), 400, "validation_failed");
        rejected("{\"lines\":[{\"productId\":\"" + room + "\",\"quantity\":1,\"checkIn\":\"2027-05-02\",\"checkOut\":\"2027-05-01\"}]}",
                400, "validation_failed");
        rejected("{\"lines\":[{\"productId\":\"" + room + "\",\"quantity\":1,\"checkIn\":\"2027-05-01\",\"checkOut\":\"2027-06-15\"}]}",
                400, "validation_failed");
        rejected("{\"lines\":[{\"productId\":\"" + room + "\",\"quantity\":1,\"checkIn\":\"2027-05-01\",\"checkOut\":\"2027-05-04\"}]}",
                409, "sold_out");
        assertThat(OrdersApi.product(room).getInt("reserved")).as("no night of a stay that cannot be had").isZero();
    }

    @Test
    void shouldNameTheSoldOutProductAndDate() {
        given().auth().oauth2(customer).header("Idempotency-Key", OrdersApi.key()).contentType(ContentType.JSON)
                .body("{\"lines\":[{\"productId\":\"" + room + "\",\"quantity\":3,\"checkIn\":\"2027-05-01\",\"checkOut\":\"2027-05-03\"}]}")
                .post("/orders").then().statusCode(409).body("code", equalTo("sold_out"))
                .body("productId", equalTo(room)).body("date", equalTo("2027-05-01"));
    }

    @Test
    void shouldGuardCapacityChangesAgainstWhatIsCommitted() {
        OrdersApi.order(customer, lines(line(usd, 3))).statusCode(201);
        given().auth().oauth2(OrdersApi.ADMIN).contentType(ContentType.JSON).body("{\"capacity\":2}")
                .patch("/products/{id}", usd).then().statusCode(409).body("code", equalTo("capacity_below_committed"));
        given().auth().oauth2(OrdersApi.ADMIN).contentType(ContentType.JSON).body("{\"capacity\":3}")
                .patch("/products/{id}", usd).then().statusCode(200).body("available", equalTo(0));
        OrdersApi.order(customer, "{\"lines\":[{\"productId\":\"" + room + "\",\"quantity\":2,\"date\":\"2027-05-01\"}]}")
                .statusCode(201);
        given().auth().oauth2(OrdersApi.ADMIN).contentType(ContentType.JSON).body("{\"capacity\":1}")
                .put("/products/{id}/dates/2027-05-01", room).then().statusCode(409);
        given().auth().oauth2(customer).contentType(ContentType.JSON).body("{\"capacity\":100}")
                .patch("/products/{id}", usd).then().statusCode(403);
    }

    @Test
    void shouldRequireAnIdempotencyKeyAndAnAdminForTheCatalog() {
        given().auth().oauth2(customer).contentType(ContentType.JSON).body(lines(line(usd, 1))).post("/orders")
                .then().statusCode(400).body("code", equalTo("idempotency_key_missing"));
        given().auth().oauth2(customer).header("Idempotency-Key", OrdersApi.key()).contentType(ContentType.JSON)
                .body("{\"sku\":\"X\",\"kind\":\"TICKET\",\"name\":\"x\",\"price\":\"1.00\",\"currency\":\"USD\",\"capacity\":1}")
                .post("/products").then().statusCode(403);
        given().auth().oauth2(OrdersApi.ADMIN).header("Idempotency-Key", OrdersApi.key()).contentType(ContentType.JSON)
                .body("{\"sku\":\"Y\",\"kind\":\"TICKET\",\"name\":\"y\",\"price\":\"1.005\",\"currency\":\"USD\",\"capacity\":1}")
                .post("/products").then().statusCode(400).body("code", equalTo("validation_failed"));
        given().auth().oauth2(customer).header("Idempotency-Key", OrdersApi.key()).contentType(ContentType.JSON)
                .body(OrdersApi.eventBody("e", "SUCCEEDED")).post("/orders/{id}/payment-events", UUID.randomUUID())
                .then().statusCode(403);
        // Payment events come from payment-service alone: another service's token is refused before anything is read.
        String order = OrdersApi.order(customer, lines(line(usd, 1))).statusCode(201).extract().path("id");
        given().auth().oauth2(DevTokens.service("voting-service")).header("Idempotency-Key", OrdersApi.key())
                .contentType(ContentType.JSON).body(OrdersApi.eventBody("e-" + UUID.randomUUID(), "SUCCEEDED"))
                .post("/orders/{id}/payment-events", order).then().statusCode(403).body("code", equalTo("forbidden"));
        assertThat(OrdersApi.order(order).getString("status")).isEqualTo("PENDING_PAYMENT");
    }

    private void rejected(String body, int status, String code) {
        OrdersApi.order(customer, body).statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }
}
