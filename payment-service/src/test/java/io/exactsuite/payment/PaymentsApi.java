package io.exactsuite.payment;

import static io.restassured.RestAssured.given;

import io.exactsuite.payment.webhook.WebhookSignature;
import io.exactsuite.testing.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Setup and read-back for the payment tests; each test asserts what it proves itself. */
final class PaymentsApi {

    static final String SERVICE = DevTokens.service("owner-service");
    static final String ADMIN = DevTokens.admin("ops");
    static final String SECRET = "dev-only-webhook-secret";

    private final String jdbcUrl;

    PaymentsApi(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    /** A new PENDING VOTES payment; returns its JSON. */
    static JsonPath create(String amount, String currency) {
        return given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"purpose\":\"VOTES\",\"purposeId\":\"" + UUID.randomUUID() + "\",\"payerId\":\"alice\","
                        + "\"amount\":\"" + amount + "\",\"currency\":\"" + currency + "\"}")
                .post("/payments").then().statusCode(201).extract().jsonPath();
    }

    static String chargeId(JsonPath payment) {
        String url = payment.getString("checkoutUrl");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static void completeAtGateway(JsonPath payment) {
        given().post("/simulator/charges/{id}/complete", chargeId(payment)).then().statusCode(200);
    }

    static JsonPath verify(JsonPath payment) {
        return given().auth().oauth2(SERVICE).header("Idempotency-Key", key())
                .post("/payments/{ref}/verify", payment.getString("reference")).then().statusCode(200).extract().jsonPath();
    }

    /** PENDING → paid at the gateway → SUCCEEDED through verify. */
    static JsonPath succeeded(String amount, String currency) {
        JsonPath payment = create(amount, currency);
        completeAtGateway(payment);
        verify(payment);
        return payment;
    }

    static JsonPath get(String paymentId) {
        return given().auth().oauth2(ADMIN).get("/payments/{id}", paymentId).then().statusCode(200).extract().jsonPath();
    }

    static void chaos(String settings) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(settings).put("/simulator/chaos")
                .then().statusCode(200);
    }

    static void calm() {
        chaos("{\"duplicateWebhooks\":1,\"webhookDelayMs\":0,\"loseWebhooks\":false,\"reverseOrder\":false,"
                + "\"declineAll\":false,\"timeOutApi\":false}");
    }

    /** A webhook body as the simulator sends it, for a charge that the gateway has already decided. */
    static String webhookBody(String eventId, String chargeId) {
        return "{\"id\":\"" + eventId + "\",\"type\":\"charge.succeeded\",\"created\":" + Instant.now().getEpochSecond()
                + ",\"data\":{\"chargeId\":\"" + chargeId + "\"}}";
    }

    static String sign(String secret, long timestamp, String body) {
        return WebhookSignature.sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    long count(String sql, Object... args) {
        return firstColumn(sql, args, row -> row.getLong(1));
    }

    String text(String sql, Object... args) {
        return firstColumn(sql, args, row -> row.getString(1));
    }

    interface Column<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> T firstColumn(String sql, Object[] args, Column<T> column) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return column.read(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
