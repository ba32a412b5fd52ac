package io.exactsuite.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.exactsuite.payment.PaymentsApi.ORDER_SERVICE;
import static io.exactsuite.payment.PaymentsApi.key;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** The HTTP gateway adapter against a WireMock gateway: wire format, keys, retries, timeouts. */
@QuarkusTest
@TestProfile(HttpGatewayTests.HttpGatewayProfile.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(value = OwnerStandIn.class, initArgs = @io.quarkus.test.common.ResourceArg(name = "gateway", value = "true"))
class HttpGatewayTests {

    public static class HttpGatewayProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String fetch = "quarkus.fault-tolerance.\"io.exactsuite.payment.gateway.HttpGatewayClient/fetchCharge\".";
            return Map.of(fetch + "timeout.value", "500",
                    fetch + "timeout.unit", "millis",
                    fetch + "retry.delay", "50");
        }
    }

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void shouldCreateVerifyAndRefundThroughTheGatewayApiWithDerivedKeys() {
        String purposeId = UUID.randomUUID().toString();
        String charge = "ch_" + purposeId;
        OwnerStandIn.server.stubFor(post(urlEqualTo("/gateway/v1/charges"))
                .withHeader("Idempotency-Key", equalTo("charge:ORDER:" + purposeId + ":20.00:USD"))
                .withHeader("Authorization", equalTo("Bearer sk_test_standin"))
                .withRequestBody(matchingJsonPath("$.amount", equalTo("20.00")))
                .willReturn(okJson(chargeJson(charge, "pending"))));
        OwnerStandIn.server.stubFor(get(urlEqualTo("/gateway/v1/charges/" + charge))
                .willReturn(okJson(chargeJson(charge, "succeeded"))));
        OwnerStandIn.server.stubFor(post(urlEqualTo("/gateway/v1/refunds"))
                .willReturn(okJson("{\"id\":\"re_" + purposeId + "\",\"status\":\"succeeded\"}")));

        var payment = create(purposeId).statusCode(201)
                .body("checkoutUrl", Matchers.equalTo("https://gateway.example/pay/" + charge)).extract().jsonPath();
        verify(payment.getString("reference")).statusCode(200).body("status", Matchers.equalTo("SUCCEEDED"));
        String refund = given().auth().oauth2(ORDER_SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"amount\":\"5.00\"}").post("/payments/{id}/refunds", payment.getString("id"))
                .then().statusCode(201).extract().path("id");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> new PaymentsApi(jdbcUrl).count(
                "SELECT count(*) FROM refund WHERE id = ? AND status = 'SUCCEEDED'", UUID.fromString(refund)) == 1);
        OwnerStandIn.server.verify(1, postRequestedFor(urlEqualTo("/gateway/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("refund:" + refund))
                .withRequestBody(matchingJsonPath("$.charge", equalTo(charge))));
    }

    @Test
    void shouldRetryAGatewayThatFailsTwiceThenAnswers() {
        String purposeId = UUID.randomUUID().toString();
        String charge = "ch_" + purposeId;
        OwnerStandIn.server.stubFor(post(urlEqualTo("/gateway/v1/charges"))
                .withHeader("Idempotency-Key", equalTo("charge:ORDER:" + purposeId + ":20.00:USD"))
                .willReturn(okJson(chargeJson(charge, "pending"))));
        String url = "/gateway/v1/charges/" + charge;
        OwnerStandIn.server.stubFor(get(urlEqualTo(url)).inScenario(purposeId).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("again"));
        OwnerStandIn.server.stubFor(get(urlEqualTo(url)).inScenario(purposeId).whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        OwnerStandIn.server.stubFor(get(urlEqualTo(url)).inScenario(purposeId).whenScenarioStateIs("up")
                .willReturn(okJson(chargeJson(charge, "succeeded"))));

        String reference = create(purposeId).statusCode(201).extract().path("reference");
        verify(reference).statusCode(200).body("status", Matchers.equalTo("SUCCEEDED"));
    }

    @Test
    void shouldAnswer503AndChangeNothingWhenTheGatewayIsTooSlow() {
        String purposeId = UUID.randomUUID().toString();
        String charge = "ch_" + purposeId;
        OwnerStandIn.server.stubFor(post(urlEqualTo("/gateway/v1/charges"))
                .withHeader("Idempotency-Key", equalTo("charge:ORDER:" + purposeId + ":20.00:USD"))
                .willReturn(okJson(chargeJson(charge, "pending"))));
        OwnerStandIn.server.stubFor(get(urlEqualTo("/gateway/v1/charges/" + charge))
                .willReturn(okJson(chargeJson(charge, "succeeded")).withFixedDelay(2_000)));

        var payment = create(purposeId).statusCode(201).extract().jsonPath();
        verify(payment.getString("reference")).statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5").body("code", Matchers.equalTo("gateway_unavailable"));
        assertThat(PaymentsApi.get(payment.getString("id")).getString("status")).isEqualTo("PENDING");
    }

    /** A 4xx is read by its problem code: the refund is refused for good, never retried. */
    @Test
    void shouldEndARefundTheGatewayRejectsAsFailedWithItsCode() {
        String purposeId = UUID.randomUUID().toString();
        String charge = "ch_" + purposeId;
        OwnerStandIn.server.stubFor(post(urlEqualTo("/gateway/v1/charges"))
                .withHeader("Idempotency-Key", equalTo("charge:ORDER:" + purposeId + ":20.00:USD"))
                .willReturn(okJson(chargeJson(charge, "pending"))));
        OwnerStandIn.server.stubFor(get(urlEqualTo("/gateway/v1/charges/" + charge))
                .willReturn(okJson(chargeJson(charge, "success"))));
        OwnerStandIn.server.stubFor(post(urlEqualTo("/gateway/v1/refunds"))
                .withRequestBody(matchingJsonPath("$.charge", equalTo(charge)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":400,\"code\":\"refund_exceeds_charge\",\"detail\":\"too much\"}")));

        var payment = create(purposeId).statusCode(201).extract().jsonPath();
        verify(payment.getString("reference")).statusCode(200).body("status", Matchers.equalTo("SUCCEEDED"));
        String refund = given().auth().oauth2(ORDER_SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"amount\":\"5.00\"}").post("/payments/{id}/refunds", payment.getString("id"))
                .then().statusCode(201).extract().path("id");

        PaymentsApi db = new PaymentsApi(jdbcUrl);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> db.count(
                "SELECT count(*) FROM refund WHERE id = ? AND status = 'FAILED'", UUID.fromString(refund)) == 1);
        assertThat(db.text("SELECT failure_reason FROM refund WHERE id = ?", UUID.fromString(refund)))
                .contains("refund_exceeds_charge");
        OwnerStandIn.server.verify(1, postRequestedFor(urlEqualTo("/gateway/v1/refunds")));
    }

    /**
     * The gateway's own words are not a request to us: a failureReason with a line break (which the strict request
     * parser refuses) must still end the refund FAILED, not leave it unreadable and retried for ever.
     */
    @Test
    void shouldReadAGatewayAnswerWhoseTextHasALineBreak() {
        String purposeId = UUID.randomUUID().toString();
        String charge = "ch_" + purposeId;
        OwnerStandIn.server.stubFor(post(urlEqualTo("/gateway/v1/charges"))
                .withHeader("Idempotency-Key", equalTo("charge:ORDER:" + purposeId + ":20.00:USD"))
                .willReturn(okJson(chargeJson(charge, "pending"))));
        OwnerStandIn.server.stubFor(get(urlEqualTo("/gateway/v1/charges/" + charge))
                .willReturn(okJson(chargeJson(charge, "success"))));
        OwnerStandIn.server.stubFor(post(urlEqualTo("/gateway/v1/refunds"))
                .withRequestBody(matchingJsonPath("$.charge", equalTo(charge)))
                .willReturn(okJson("{\"id\":\"re_" + purposeId + "\",\"status\":\"failed\","
                        + "\"failureReason\":\"card expired\\ncall your bank\",\"livemode\":false}")));

        var payment = create(purposeId).statusCode(201).extract().jsonPath();
        verify(payment.getString("reference")).statusCode(200).body("status", Matchers.equalTo("SUCCEEDED"));
        String refund = given().auth().oauth2(ORDER_SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"amount\":\"5.00\"}").post("/payments/{id}/refunds", payment.getString("id"))
                .then().statusCode(201).extract().path("id");

        PaymentsApi db = new PaymentsApi(jdbcUrl);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> db.count(
                "SELECT count(*) FROM refund WHERE id = ? AND status = 'FAILED'", UUID.fromString(refund)) == 1);
        assertThat(db.text("SELECT failure_reason FROM refund WHERE id = ?", UUID.fromString(refund))).contains("card expired");
    }

    private static String chargeJson(String id, String status) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"amount\":\"20.00\",\"currency\":\"USD\","
                + "\"checkoutUrl\":\"https://gateway.example/pay/" + id + "\"}";
    }

    private static io.restassured.response.ValidatableResponse create(String purposeId) {
        return given().auth().oauth2(ORDER_SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"purpose\":\"ORDER\",\"purposeId\":\"" + purposeId + "\",\"payerId\":\"alice\","
                        + "\"amount\":\"20.00\",\"currency\":\"USD\"}")
                .post("/payments").then();
    }

    private static io.restassured.response.ValidatableResponse verify(String reference) {
        return given().auth().oauth2(ORDER_SERVICE).header("Idempotency-Key", key()).post("/payments/{ref}/verify", reference).then();
    }
}
