package io.exactsuite.payment;

import static io.exactsuite.payment.PaymentsApi.ORDER_SERVICE;
import static io.exactsuite.payment.PaymentsApi.key;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Seed 003: money is exact or refused. Nothing is rounded, nothing half-written. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class AmountTests {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "\"0\"                     | USD | validation_failed",
            "\"-5.00\"                 | USD | validation_failed",
            "\"100000000000000000000\" | USD | invalid_value",
            "\"1000001\"               | USD | validation_failed",
            "\"1.005\"                 | USD | validation_failed",
            "\"10.5\"                  | JPY | validation_failed",
            "\"1e20\"                  | USD | invalid_value",
            "0.30000000000000004       | USD | invalid_value",
            "12.50                     | USD | invalid_value",
            "\"12.50\"                 | ABC | validation_failed",
            "\"12.50\"                 | usd | validation_failed",
    })
    void shouldRefuseAmountsThatAreNotExact(String amount, String currency, String code) {
        String purposeId = UUID.randomUUID().toString();
        create(ORDER_SERVICE, purposeId, "alice", amount, currency)
                .statusCode(400).contentType("application/problem+json").body("code", equalTo(code));
        assertThat(paymentsFor(purposeId)).isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "10, JPY, 10", "0.001, KWD, 0.001", "7.5, BHD, 7.500", "12.5, USD, 12.50", "1000, NGN, 1000.00" })
    void shouldAcceptAmountsWithinMinorUnits(String amount, String currency, String stored) {
        String purposeId = UUID.randomUUID().toString();
        create(ORDER_SERVICE, purposeId, "alice", "\"" + amount + "\"", currency)
                .statusCode(201).body("amount", equalTo(stored)).body("currency", equalTo(currency));
        assertThat(paymentsFor(purposeId)).isEqualTo(1);
    }

    @Test
    void shouldReturnTheFirstPaymentForTheSamePurposeNeverASecondCharge() {
        String purposeId = UUID.randomUUID().toString();
        var first = create(ORDER_SERVICE, purposeId, "alice", "\"9.99\"", "USD").statusCode(201).extract().jsonPath();
        create(ORDER_SERVICE, purposeId, "alice", "\"9.99\"", "USD").statusCode(200)
                .body("id", equalTo(first.getString("id"))).body("checkoutUrl", equalTo(first.getString("checkoutUrl")));
        create(ORDER_SERVICE, purposeId, "alice", "\"19.99\"", "USD").statusCode(409).body("code", equalTo("payment_exists"));
        assertThat(paymentsFor(purposeId)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({ "1.2345, CLF, 1.2345", "150000000, JPY, 150000000", "1000000.00, USD, 1000000.00", "300000.000, KWD, 300000.000" })
    void shouldKeepEveryMinorUnitAndAcceptUpToEachCurrencysOwnMaximum(String amount, String currency, String stored) {
        String purposeId = UUID.randomUUID().toString();
        create(ORDER_SERVICE, purposeId, "alice", "\"" + amount + "\"", currency).statusCode(201).body("amount", equalTo(stored));
        assertThat(new PaymentsApi(jdbcUrl).text("SELECT amount::text FROM payment WHERE purpose_id = ?", purposeId))
                .isEqualTo(new java.math.BigDecimal(stored).setScale(4).toPlainString());
    }

    @ParameterizedTest(name = "{0} {1} → {2} {3}")
    @CsvSource({ "150000001, JPY, 400, validation_failed", "300000.001, KWD, 400, validation_failed",
            "1000000.01, USD, 400, validation_failed", "12.00, XAF, 422, currency_not_accepted",
            "1.00, XAU, 400, validation_failed" })
    void shouldRefuseAmountsOverTheirCurrencysMaximumAndCurrenciesNotAccepted(String amount, String currency,
            int status, String code) {
        String purposeId = UUID.randomUUID().toString();
        create(ORDER_SERVICE, purposeId, "alice", "\"" + amount + "\"", currency).statusCode(status)
                .contentType("application/problem+json").body("code", equalTo(code));
        assertThat(paymentsFor(purposeId)).isZero();
    }

    @Test
    void shouldHoldOnePaymentPerGatewayCharge() {
        JsonPath payment = PaymentsApi.create("4.00", "USD");
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.update("""
                INSERT INTO payment (id, reference, purpose, purpose_id, payer_id, amount, currency, status,
                                     gateway_charge_id, checkout_url, created_at, updated_at)
                SELECT gen_random_uuid(), 'pay_copy', purpose, gen_random_uuid()::text, payer_id, amount, currency,
                       status, gateway_charge_id, checkout_url, now(), now() FROM payment WHERE id = ?""",
                UUID.fromString(payment.getString("id")))).hasMessageContaining("payment_one_per_charge");
    }

    @ParameterizedTest(name = "purposeId {0}")
    @ValueSource(strings = { "x", "42", "not-a-uuid-at-all", "1-1-1-1-1", "3f2b1c9e-8d4a-4e1b-9c2f-5a6b7c8d9e0f/cancel?via=",
            "3f2b1c9e-8d4a-4e1b-9c2f-5a6b7c8d9e0f ", "../orders/3f2b1c9e-8d4a-4e1b-9c2f-5a6b7c8d9e0f" })
    void shouldRefuseAPurposeIdThatIsNotTheOwnersUuid(String purposeId) {
        long before = new PaymentsApi(jdbcUrl).count("SELECT count(*) FROM payment");
        create(ORDER_SERVICE, purposeId, "alice", "\"5.00\"", "USD").statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"));
        assertThat(new PaymentsApi(jdbcUrl).count("SELECT count(*) FROM payment")).isEqualTo(before);
    }

    @Test
    void shouldLetOnlyOwnerServicesAndAdminsCreateCancelAndRefundWhileAUserReadsTheirOwn() {
        String purposeId = UUID.randomUUID().toString();
        create(DevTokens.user("mallory"), purposeId, "alice", "\"5.00\"", "USD").statusCode(403)
                .contentType("application/problem+json");
        create(DevTokens.user("alice"), purposeId, "alice", "\"5.00\"", "USD").statusCode(403);
        assertThat(paymentsFor(purposeId)).isZero();
        String id = create(ORDER_SERVICE, purposeId, "alice", "\"5.00\"", "USD").statusCode(201).extract().path("id");
        given().auth().oauth2(DevTokens.user("mallory")).get("/payments/{id}", id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(DevTokens.user("alice")).get("/payments/{id}", id).then().statusCode(200);
        given().auth().oauth2(DevTokens.user("alice")).header("Idempotency-Key", key())
                .post("/payments/{id}/cancel", id).then().statusCode(403);
        given().auth().oauth2(DevTokens.user("alice")).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"amount\":\"1.00\"}").post("/payments/{id}/refunds", id).then().statusCode(403);
        assertThat(PaymentsApi.get(id).getString("status")).isEqualTo("PENDING");
        String reference = PaymentsApi.get(id).getString("reference");
        given().auth().oauth2(DevTokens.user("alice")).header("Idempotency-Key", key())
                .post("/payments/{ref}/verify", reference).then().statusCode(200);
        given().auth().oauth2(DevTokens.user("mallory")).header("Idempotency-Key", key())
                .post("/payments/{ref}/verify", reference).then().statusCode(404);
    }

    @Test
    void shouldSendEventsOnlyToTheOwnersConfiguredUrlForThatUuid() {
        JsonPath payment = PaymentsApi.succeeded("6.00", "USD");
        assertThat(new PaymentsApi(jdbcUrl).text("SELECT target_url FROM outbox_event WHERE payment_id = ?",
                UUID.fromString(payment.getString("id"))))
                .isEqualTo("http://127.0.0.1:" + OwnerStandIn.server.port() + "/voting-service/purchases/"
                        + payment.getString("purposeId") + "/payment-events");
    }

    @Test
    void shouldRejectUnknownFieldsAndMissingKeys() {
        given().auth().oauth2(PaymentsApi.SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"purpose\":\"VOTES\",\"purposeId\":\"3f2b1c9e-8d4a-4e1b-9c2f-5a6b7c8d9e0f\",\"payerId\":\"a\",\"amount\":\"1.00\",\"currency\":\"USD\",\"tip\":\"1\"}")
                .post("/payments").then().statusCode(400).body("code", equalTo("unknown_property"));
        given().auth().oauth2(PaymentsApi.SERVICE).contentType(ContentType.JSON)
                .body("{\"purpose\":\"VOTES\",\"purposeId\":\"x\",\"payerId\":\"a\",\"amount\":\"1.00\",\"currency\":\"USD\"}")
                .post("/payments").then().statusCode(400).body("code", equalTo("idempotency_key_missing"));
        given().auth().oauth2(PaymentsApi.SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"purpose\":\"RENT\",\"purposeId\":\"x\",\"payerId\":\"a\",\"amount\":\"1.00\",\"currency\":\"USD\"}")
                .post("/payments").then().statusCode(400).contentType("application/problem+json");
        assertThat(paymentsFor("x")).isZero();
    }

    /** Any service token used to be enough: voting-service could create, cancel or refund an order's payment. */
    @Test
    void shouldLetOnlyThePurposesOwnerCreateOrCancelAPayment() {
        String purposeId = UUID.randomUUID().toString();
        create(PaymentsApi.SERVICE, purposeId, "alice", "\"5.00\"", "USD").statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
        assertThat(paymentsFor(purposeId)).isZero();
        String id = create(ORDER_SERVICE, purposeId, "alice", "\"5.00\"", "USD").statusCode(201).extract().path("id");
        given().auth().oauth2(PaymentsApi.SERVICE).header("Idempotency-Key", key()).post("/payments/{id}/cancel", id)
                .then().statusCode(403);
        given().auth().oauth2(PaymentsApi.SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"amount\":\"1.00\"}").post("/payments/{id}/refunds", id).then().statusCode(403);
        given().auth().oauth2(ORDER_SERVICE).get("/payments/{id}", id).then().statusCode(200).body("status", equalTo("PENDING"));
    }

    private static io.restassured.response.ValidatableResponse create(String token, String purposeId, String payer,
            String amountJson, String currency) {
        return given().auth().oauth2(token).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"purpose\":\"ORDER\",\"purposeId\":\"" + purposeId + "\",\"payerId\":\"" + payer
                        + "\",\"amount\":" + amountJson + ",\"currency\":\"" + currency + "\"}")
                .post("/payments").then();
    }

    private long paymentsFor(String purposeId) {
        return new PaymentsApi(jdbcUrl).count("SELECT count(*) FROM payment WHERE purpose_id = ?", purposeId);
    }
}
