package io.exactsuite.payment;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** voting-service, which owns VOTES payments (the ones most tests make). */
    static final String SERVICE = DevTokens.service("voting-service");
    /** order-service, which owns ORDER payments. */
    static final String ORDER_SERVICE = DevTokens.service("order-service");
    static final String ADMIN = DevTokens.admin("ops");
    static final String SECRET = "dev-only-webhook-secret";
    static final String CALM = "{\"duplicateWebhooks\":1,\"webhookDelayMs\":0,\"loseWebhooks\":false,\"reverseOrder\":false,"
            + "\"declineAll\":false,\"apiDelayMs\":0,\"failThenSucceed\":false,\"failThenSucceedDelayMs\":1000,"
            + "\"refunds\":\"succeed\",\"refundPendingMs\":1000}";

    private static final ObjectMapper JSON = new ObjectMapper();

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
                .body(createBody(UUID.randomUUID().toString(), amount, currency))
                .post("/payments").then().statusCode(201).extract().jsonPath();
    }

    static String createBody(String purposeId, String amount, String currency) {
        return "{\"purpose\":\"VOTES\",\"purposeId\":\"" + purposeId + "\",\"payerId\":\"alice\","
                + "\"amount\":\"" + amount + "\",\"currency\":\"" + currency + "\"}";
    }

    static String chargeId(JsonPath payment) {
        String url = payment.getString("checkoutUrl");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** The payer presses "Pay" on the simulator's checkout page. */
    static JsonPath completeAtGateway(JsonPath payment) {
        return payerAction(payment, "pay");
    }

    /** "pay", "decline" or "abandon", as the payer at the simulator's checkout. */
    static JsonPath payerAction(JsonPath payment, String action) {
        return given().accept(ContentType.JSON).post(GatewaySimulatorResource.url + "/checkout/{id}/" + action,
                chargeId(payment)).then().statusCode(200).extract().jsonPath();
    }

    /** The charge as the gateway sees it. */
    static JsonPath gatewayCharge(JsonPath payment) {
        return given().auth().oauth2(GatewaySimulatorResource.API_KEY)
                .get(GatewaySimulatorResource.url + "/v1/charges/{id}", chargeId(payment))
                .then().statusCode(200).extract().jsonPath();
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

    /** Sets the simulator's chaos switches: {@code changes} are JSON members overriding the calm defaults. */
    static void chaos(String changes) {
        ObjectNode body;
        try {
            body = (ObjectNode) JSON.readTree(CALM);
            body.setAll((ObjectNode) JSON.readTree("{" + changes + "}"));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(changes, e);
        }
        given().auth().oauth2(GatewaySimulatorResource.API_KEY).contentType(ContentType.JSON).body(body.toString())
                .put(GatewaySimulatorResource.url + "/chaos").then().statusCode(200);
    }

    static void calm() {
        given().auth().oauth2(GatewaySimulatorResource.API_KEY)
                .post(GatewaySimulatorResource.url + "/chaos/reset").then().statusCode(200);
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

    int update(String sql, Object... args) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
