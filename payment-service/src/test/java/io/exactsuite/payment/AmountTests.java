package io.exactsuite.payment;

import static io.exactsuite.payment.PaymentsApi.SERVICE;
import static io.exactsuite.payment.PaymentsApi.key;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seed 003: money is exact or refused. Nothing is rounded, nothing half-written. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
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
        create(SERVICE, purposeId, "alice", amount, currency)
                .statusCode(400).contentType("application/problem+json").body("code", equalTo(code));
        assertThat(paymentsFor(purposeId)).isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "10, JPY, 10", "0.001, KWD, 0.001", "7.5, BHD, 7.500", "12.5, USD, 12.50", "1000, NGN, 1000.00" })
    void shouldAcceptAmountsWithinMinorUnits(String amount, String currency, String stored) {
        String purposeId = UUID.randomUUID().toString();
        create(SERVICE, purposeId, "alice", "\"" + amount + "\"", currency)
                .statusCode(201).body("amount", equalTo(stored)).body("currency", equalTo(currency));
        assertThat(paymentsFor(purposeId)).isEqualTo(1);
    }

    @Test
    void shouldReturnTheFirstPaymentForTheSamePurposeNeverASecondCharge() {
        String purposeId = UUID.randomUUID().toString();
        String first = create(SERVICE, purposeId, "alice", "\"9.99\"", "USD").statusCode(201).extract().path("id");
        create(SERVICE, purposeId, "alice", "\"9.99\"", "USD").statusCode(200).body("id", equalTo(first));
        create(SERVICE, purposeId, "alice", "\"19.99\"", "USD").statusCode(409).body("code", equalTo("payment_exists"));
        assertThat(paymentsFor(purposeId)).isEqualTo(1);
        assertThat(new PaymentsApi(jdbcUrl).count("SELECT count(*) FROM sim_charge c JOIN payment p ON p.reference = c.reference "
                + "WHERE p.purpose_id = ?", purposeId)).isEqualTo(1);
    }

    @Test
    void shouldLetAUserPayOnlyAsThemselvesAndSeeOnlyTheirOwnPayments() {
        String purposeId = UUID.randomUUID().toString();
        create(DevTokens.user("mallory"), purposeId, "alice", "\"5.00\"", "USD").statusCode(403);
        String id = create(DevTokens.user("alice"), purposeId, "alice", "\"5.00\"", "USD").statusCode(201)
                .extract().path("id");
        given().auth().oauth2(DevTokens.user("mallory")).get("/payments/{id}", id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(DevTokens.user("alice")).get("/payments/{id}", id).then().statusCode(200);
    }

    @Test
    void shouldRejectUnknownFieldsAndMissingKeys() {
        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"purpose\":\"VOTES\",\"purposeId\":\"x\",\"payerId\":\"a\",\"amount\":\"1.00\",\"currency\":\"USD\",\"tip\":\"1\"}")
                .post("/payments").then().statusCode(400).body("code", equalTo("unknown_property"));
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON)
                .body("{\"purpose\":\"VOTES\",\"purposeId\":\"x\",\"payerId\":\"a\",\"amount\":\"1.00\",\"currency\":\"USD\"}")
                .post("/payments").then().statusCode(400).body("code", equalTo("idempotency_key_missing"));
        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"purpose\":\"RENT\",\"purposeId\":\"x\",\"payerId\":\"a\",\"amount\":\"1.00\",\"currency\":\"USD\"}")
                .post("/payments").then().statusCode(400).contentType("application/problem+json");
        assertThat(paymentsFor("x")).isZero();
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
