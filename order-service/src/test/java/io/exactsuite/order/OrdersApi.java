package io.exactsuite.order;

import static io.restassured.RestAssured.given;

import io.exactsuite.testing.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;

/** Setup and read-back for the order tests; each test asserts what it proves itself. */
final class OrdersApi {

    static final String ADMIN = DevTokens.admin("ops");
    static final String SERVICE = DevTokens.service("payment-service");

    private OrdersApi() {
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    static String product(String price, String currency, int capacity) {
        return given().auth().oauth2(ADMIN).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"sku\":\"SKU-" + UUID.randomUUID() + "\",\"kind\":\"TICKET\",\"name\":\"Ticket\",\"price\":\""
                        + price + "\",\"currency\":\"" + currency + "\",\"capacity\":" + capacity + "}")
                .post("/products").then().statusCode(201).extract().path("id");
    }

    /** A hotel room sold per night, with {@code capacity} rooms on each of the given nights. */
    static String room(String price, int capacity, String... nights) {
        String id = given().auth().oauth2(ADMIN).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"sku\":\"ROOM-" + UUID.randomUUID() + "\",\"kind\":\"HOTEL_ROOM\",\"name\":\"Room\",\"price\":\""
                        + price + "\",\"currency\":\"EUR\",\"capacity\":0,\"dated\":true}")
                .post("/products").then().statusCode(201).extract().path("id");
        for (String night : nights) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"capacity\":" + capacity + "}")
                    .put("/products/{id}/dates/{date}", id, night).then().statusCode(200);
        }
        return id;
    }

    static ValidatableResponse order(String token, String body) {
        return given().auth().oauth2(token).header("Idempotency-Key", key()).contentType(ContentType.JSON).body(body)
                .post("/orders").then();
    }

    static String line(String productId, int quantity) {
        return "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}";
    }

    static String lines(String... lines) {
        return "{\"lines\":[" + String.join(",", lines) + "]}";
    }

    static JsonPath product(String id) {
        return given().auth().oauth2(ADMIN).get("/products/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath audit(String productId) {
        return given().auth().oauth2(ADMIN).get("/products/{id}/audit", productId).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath order(String id) {
        return given().auth().oauth2(ADMIN).get("/orders/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    static ValidatableResponse paymentEvent(String orderId, String eventId, String status, String key) {
        return given().auth().oauth2(SERVICE).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(eventBody(eventId, status)).post("/orders/{id}/payment-events", orderId).then();
    }

    static String eventBody(String eventId, String status) {
        return "{\"paymentId\":\"" + DependencyStandIn.PAYMENT_ID + "\",\"eventId\":\"" + eventId + "\",\"status\":\""
                + status + "\",\"amount\":\"1.00\",\"currency\":\"USD\",\"purpose\":\"ORDER\"}";
    }
}
