package io.exactsuite.gatewaysim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(WebhookReceiver.class)
class GatewaySimulatorTests {

    private static final String API_KEY = "sk_test_dev_only";
    private static final String SECRET = "dev-only-webhook-secret";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    @AfterEach
    void calm() {
        api().post("/chaos/reset").then().statusCode(200);
    }

    // ---------------------------------------------------------------- charges, idempotency, payer, webhooks

    @Test
    void charge_lifecycle_with_idempotent_create_single_capture_and_a_signed_webhook() {
        String key = UUID.randomUUID().toString();
        String id = createCharge(key, "pay_life", "12.5", "USD")
                .statusCode(200)
                .header("Idempotent-Replayed", nullValue())
                .body("id", startsWith("ch_"))
                .body("reference", equalTo("pay_life"))
                .body("status", equalTo("pending"))
                .body("amount", equalTo("12.50"))
                .body("currency", equalTo("USD"))
                .body("refundedAmount", equalTo("0.00"))
                .extract().path("id");
        api().get("/v1/charges/" + id).then().statusCode(200)
                .body("checkoutUrl", equalTo("http://127.0.0.1:" + RestAssured.port + "/checkout/" + id));

        createCharge(key, "pay_life", "12.50", "USD").statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        expectProblem(createCharge(key, "pay_life", "13.00", "USD"), 422, "idempotency_key_reused");

        given().accept(ContentType.JSON).post("/checkout/" + id + "/pay").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("id", equalTo(id))
                .body("status", equalTo("success"));
        api().get("/v1/charges/" + id).then().statusCode(200).body("status", equalTo("success"));
        expectProblem(given().accept(ContentType.JSON).post("/checkout/" + id + "/pay").then(), 409, "charge_not_pending");
        expectProblem(given().post("/checkout/" + id + "/decline").then(), 409, "charge_not_pending");

        List<JsonNode> events = awaitEvents(id, 1);
        JsonNode event = events.get(0);
        assertThat(event.get("id").asText()).startsWith("evt_");
        assertThat(event.get("type").asText()).isEqualTo("charge.succeeded");
        assertThat(event.get("created").asLong()).isCloseTo(Instant.now().getEpochSecond(), Assertions.within(60L));
        assertThat(event.get("data").get("chargeId").asText()).isEqualTo(id);
        assertThat(event.get("data").get("status").asText()).isEqualTo("success");
        assertThat(event.get("data").has("refundId")).isFalse();
    }

    @Test
    void unknown_charge_and_missing_key_and_bad_amounts() {
        expectProblem(api().get("/v1/charges/ch_nope").then(), 404, "charge_not_found");
        expectProblem(given().post("/checkout/ch_nope/pay").then(), 404, "charge_not_found");
        expectProblem(api().contentType(ContentType.JSON)
                .body(Map.of("reference", "pay_x", "amount", "1.00", "currency", "USD"))
                .post("/v1/charges").then(), 400, "idempotency_key_missing");
        expectProblem(createCharge(UUID.randomUUID().toString(), "pay_x", "12.505", "USD"), 400, "amount_invalid");
        expectProblem(createCharge(UUID.randomUUID().toString(), "pay_x", "0.00", "USD"), 400, "amount_invalid");
        expectProblem(createCharge(UUID.randomUUID().toString(), "pay_x", "1.00", "ZZZ"), 400, "amount_invalid");
        expectProblem(api().header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body("{\"reference\":\"pay_x\",\"amount\":12.50,\"currency\":\"USD\"}")
                .post("/v1/charges").then(), 400, "amount_invalid");
        expectProblem(api().header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body("{\"reference\":").post("/v1/charges").then(), 400, "request_invalid");
        expectProblem(api().header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body("{\"amount\":\"1.00\",\"currency\":\"USD\"}").post("/v1/charges").then(), 400, "request_invalid");
        createCharge(UUID.randomUUID().toString(), "pay_yen", "500", "JPY").statusCode(200)
                .body("amount", equalTo("500")).body("refundedAmount", equalTo("0"));
    }

    @Test
    void api_and_chaos_need_the_api_key_checkout_does_not() {
        expectProblem(given().get("/v1/charges/ch_any").then(), 401, "api_key_invalid");
        expectProblem(given().header("Authorization", "Bearer wrong").get("/v1/charges/ch_any").then(), 401,
                "api_key_invalid");
        expectProblem(given().contentType(ContentType.JSON).body("{}").post("/v1/refunds").then(), 401, "api_key_invalid");
        expectProblem(given().get("/chaos").then(), 401, "api_key_invalid");
        expectProblem(given().post("/chaos/reset").then(), 401, "api_key_invalid");
        given().accept(ContentType.HTML).get("/checkout/ch_nope").then().statusCode(404).contentType(ContentType.HTML)
                .body(containsString("<p id=\"error\">charge_not_found</p>"));
        expectProblem(given().get("/checkout/ch_nope").then(), 404, "charge_not_found");
    }

    @Test
    void checkout_page_and_browser_form_posts_answer_html() {
        String id = newCharge("7.00", "EUR");
        given().accept(ContentType.HTML).get("/checkout/" + id).then().statusCode(200)
                .contentType(ContentType.HTML)
                .body(containsString("id=\"pay\""), containsString("id=\"decline\""), containsString("id=\"abandon\""),
                        containsString("7.00"), containsString("EUR"), containsString("<strong id=\"status\">pending</strong>"));

        given().accept("text/html,application/xhtml+xml").contentType(ContentType.URLENC)
                .post("/checkout/" + id + "/abandon").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("<strong id=\"status\">abandoned</strong>"));
        api().get("/v1/charges/" + id).then().body("status", equalTo("abandoned"));
        // An abandoned payer may come back and pay.
        given().accept("text/html,application/xhtml+xml").contentType(ContentType.URLENC)
                .post("/checkout/" + id + "/pay").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("<strong id=\"status\">success</strong>"));
        given().accept(ContentType.HTML).post("/checkout/" + id + "/pay").then().statusCode(409)
                .contentType(ContentType.HTML).body(containsString("charge_not_pending"));
        assertThat(awaitEvents(id, 1)).extracting(e -> e.get("type").asText()).containsExactly("charge.succeeded");
    }

    @Test
    void decline_and_decline_all_end_failed_with_charge_failed() {
        String declined = newCharge("3.00", "USD");
        given().post("/checkout/" + declined + "/decline").then().statusCode(200).body("status", equalTo("failed"));

        putChaos(Map.of("declineAll", true));
        String refused = newCharge("3.00", "USD");
        given().post("/checkout/" + refused + "/pay").then().statusCode(200).body("status", equalTo("failed"));

        for (String id : List.of(declined, refused)) {
            JsonNode event = awaitEvents(id, 1).get(0);
            assertThat(event.get("type").asText()).isEqualTo("charge.failed");
            assertThat(event.get("data").get("status").asText()).isEqualTo("failed");
        }
    }

    @Test
    void fail_then_succeed_reports_failure_then_success_in_that_order() {
        putChaos(Map.of("failThenSucceed", true, "failThenSucceedDelayMs", 300));
        String id = newCharge("9.99", "USD");

        given().post("/checkout/" + id + "/pay").then().statusCode(200).body("status", equalTo("failed"));
        await().atMost(WAIT).untilAsserted(() -> api().get("/v1/charges/" + id).then().body("status", equalTo("success")));

        List<JsonNode> events = awaitEvents(id, 2);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("charge.failed", "charge.succeeded");
        assertThat(events).extracting(e -> e.get("data").get("status").asText()).containsExactly("failed", "success");
        expectProblem(given().post("/checkout/" + id + "/pay").then(), 409, "charge_not_pending");
    }

    @Test
    void duplicate_webhooks_deliver_the_same_event_several_times() {
        putChaos(Map.of("duplicateWebhooks", 3));
        String id = paidCharge("4.00", "USD");

        await().atMost(WAIT).until(() -> deliveriesFor(id).size() >= 3);
        List<WebhookReceiver.Delivery> copies = deliveriesFor(id);
        assertThat(copies).hasSize(3);
        assertThat(copies).extracting(d -> parse(d.body()).get("id").asText()).containsOnly(parse(copies.get(0).body()).get("id").asText());
        copies.forEach(GatewaySimulatorTests::assertSigned);
    }

    /**
     * Two charges' webhooks are in flight at the same time: each delivery is held by the receiver until the
     * other one arrives. Fails with a sender that sends one webhook at a time (the one before): the first is
     * held alone until the meeting times out.
     */
    @Test
    void webhooks_of_different_charges_are_sent_at_the_same_time() {
        String first = newCharge("3.00", "USD");
        String second = newCharge("4.00", "USD");
        CountDownLatch bothInFlight = new CountDownLatch(2);
        WebhookReceiver.MEET.put(first, bothInFlight);
        WebhookReceiver.MEET.put(second, bothInFlight);
        try {
            given().post("/checkout/" + first + "/pay").then().statusCode(200);
            given().post("/checkout/" + second + "/pay").then().statusCode(200);

            await().atMost(WAIT).until(() -> WebhookReceiver.MET.containsKey(first) && WebhookReceiver.MET.containsKey(second));
            assertThat(WebhookReceiver.MET.get(first)).as("the first charge's webhook met the second's in flight").isTrue();
            assertThat(WebhookReceiver.MET.get(second)).isTrue();
        } finally {
            WebhookReceiver.MEET.remove(first);
            WebhookReceiver.MEET.remove(second);
        }
    }

    @Test
    void an_unacknowledged_webhook_is_retried_with_the_same_event() {
        String id = newCharge("5.00", "USD");
        WebhookReceiver.FAIL_NEXT.put(id, new AtomicInteger(2));
        given().post("/checkout/" + id + "/pay").then().statusCode(200);

        await().atMost(WAIT).until(() -> deliveriesFor(id).size() >= 3);
        assertThat(deliveriesFor(id)).extracting(d -> parse(d.body()).get("id").asText()).containsOnly(
                parse(deliveriesFor(id).get(0).body()).get("id").asText());
    }

    @Test
    void lost_webhooks_are_never_sent_but_the_charge_still_changes() {
        putChaos(Map.of("loseWebhooks", true));
        String lost = paidCharge("1.00", "USD");
        api().get("/v1/charges/" + lost).then().body("status", equalTo("success"));

        // A later, calm payment's webhook arrives; the lost one never does (one sender drains them in order).
        calm();
        String seen = paidCharge("1.00", "USD");
        awaitEvents(seen, 1);
        assertThat(deliveriesFor(lost)).isEmpty();
    }

    // ---------------------------------------------------------------- refunds

    @Test
    void refunds_replay_check_the_charge_and_add_up() {
        String pending = newCharge("10.00", "USD");
        expectProblem(refund(UUID.randomUUID().toString(), pending, "1.00", "USD"), 400, "charge_not_captured");

        String id = paidCharge("10.00", "USD");
        expectProblem(refund(UUID.randomUUID().toString(), id, "1.00", "EUR"), 400, "currency_mismatch");
        expectProblem(refund(UUID.randomUUID().toString(), id, "10.01", "USD"), 400, "refund_exceeds_charge");
        expectProblem(refund(UUID.randomUUID().toString(), "ch_nope", "1.00", "USD"), 404, "charge_not_found");
        expectProblem(api().contentType(ContentType.JSON).body(Map.of("charge", id, "amount", "1.00", "currency", "USD"))
                .post("/v1/refunds").then(), 400, "idempotency_key_missing");

        String key = UUID.randomUUID().toString();
        String refundId = refund(key, id, "2.5", "USD").statusCode(200)
                .header("Idempotent-Replayed", nullValue())
                .body("id", startsWith("re_"))
                .body("charge", equalTo(id))
                .body("amount", equalTo("2.50"))
                .body("currency", equalTo("USD"))
                .body("status", equalTo("succeeded"))
                .body("failureReason", nullValue())
                .extract().path("id");
        refund(key, id, "2.50", "USD").statusCode(200).header("Idempotent-Replayed", "true").body("id", equalTo(refundId));
        expectProblem(refund(key, id, "3.00", "USD"), 422, "idempotency_key_reused");
        api().get("/v1/refunds/" + refundId).then().statusCode(200).body("status", equalTo("succeeded"));
        expectProblem(api().get("/v1/refunds/re_nope").then(), 404, "refund_not_found");

        expectProblem(refund(UUID.randomUUID().toString(), id, "7.51", "USD"), 400, "refund_exceeds_charge");
        refund(UUID.randomUUID().toString(), id, "7.50", "USD").statusCode(200).body("status", equalTo("succeeded"));
        api().get("/v1/charges/" + id).then().body("refundedAmount", equalTo("10.00"));

        JsonNode event = awaitEvents(id, 3).get(1);
        assertThat(event.get("type").asText()).isEqualTo("refund.succeeded");
        assertThat(event.get("data").get("refundId").asText()).isEqualTo(refundId);
        assertThat(event.get("data").get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void refused_refunds_fail_and_do_not_count_against_the_charge() {
        String id = paidCharge("6.00", "USD");
        putChaos(Map.of("refunds", "refuse"));

        String refundId = refund(UUID.randomUUID().toString(), id, "6.00", "USD").statusCode(200)
                .body("status", equalTo("failed"))
                .body("failureReason", equalTo("refused by the simulator"))
                .extract().path("id");
        JsonNode event = awaitEvents(id, 2).get(1);
        assertThat(event.get("type").asText()).isEqualTo("refund.failed");
        assertThat(event.get("data").get("refundId").asText()).isEqualTo(refundId);
        assertThat(event.get("data").get("status").asText()).isEqualTo("failed");
        api().get("/v1/charges/" + id).then().body("refundedAmount", equalTo("0.00"));

        calm();
        refund(UUID.randomUUID().toString(), id, "6.00", "USD").statusCode(200).body("status", equalTo("succeeded"));
        api().get("/v1/charges/" + id).then().body("refundedAmount", equalTo("6.00"));
    }

    @Test
    void pending_refunds_settle_later_and_hold_their_amount_meanwhile() {
        String id = paidCharge("8.00", "USD");
        putChaos(Map.of("refunds", "pending", "refundPendingMs", 300));

        String refundId = refund(UUID.randomUUID().toString(), id, "8.00", "USD").statusCode(200)
                .body("status", equalTo("pending"))
                .extract().path("id");
        expectProblem(refund(UUID.randomUUID().toString(), id, "0.01", "USD"), 400, "refund_exceeds_charge");

        await().atMost(WAIT).untilAsserted(() ->
                api().get("/v1/refunds/" + refundId).then().statusCode(200).body("status", equalTo("succeeded")));
        api().get("/v1/charges/" + id).then().body("refundedAmount", equalTo("8.00"));
        JsonNode event = awaitEvents(id, 2).get(1);
        assertThat(event.get("type").asText()).isEqualTo("refund.succeeded");
        assertThat(event.get("data").get("refundId").asText()).isEqualTo(refundId);
    }

    // ---------------------------------------------------------------- chaos, api delay, health

    @Test
    void chaos_reads_validates_and_resets() {
        api().get("/chaos").then().statusCode(200)
                .body("duplicateWebhooks", equalTo(1)).body("webhookDelayMs", equalTo(0))
                .body("loseWebhooks", equalTo(false)).body("reverseOrder", equalTo(false))
                .body("declineAll", equalTo(false)).body("apiDelayMs", equalTo(0))
                .body("failThenSucceed", equalTo(false)).body("failThenSucceedDelayMs", equalTo(1000))
                .body("refunds", equalTo("succeed")).body("refundPendingMs", equalTo(1000));

        expectProblem(api().contentType(ContentType.JSON).body(Map.of("duplicateWebhooks", 2)).put("/chaos").then(), 400,
                "chaos_invalid");
        expectProblem(api().contentType(ContentType.JSON).body(chaos(Map.of("duplicateWebhooks", 11))).put("/chaos").then(),
                400, "chaos_invalid");
        expectProblem(api().contentType(ContentType.JSON).body(chaos(Map.of("refunds", "maybe"))).put("/chaos").then(),
                400, "chaos_invalid");
        expectProblem(api().contentType(ContentType.JSON).body(chaos(Map.of("declineAll", "yes"))).put("/chaos").then(),
                400, "chaos_invalid");
        String twice = "{\"duplicateWebhooks\":1,\"webhookDelayMs\":0,\"loseWebhooks\":false,\"reverseOrder\":false,"
                + "\"declineAll\":false,\"apiDelayMs\":0,\"failThenSucceed\":false,\"failThenSucceedDelayMs\":1000,"
                + "\"refunds\":\"succeed\",\"refundPendingMs\":1000,\"loseWebhooks\":true}";
        expectProblem(api().contentType(ContentType.JSON).body(twice).put("/chaos").then(), 400, "chaos_invalid");
        api().get("/chaos").then().body("duplicateWebhooks", equalTo(1));

        putChaos(Map.of("reverseOrder", true, "webhookDelayMs", 5));
        api().get("/chaos").then().body("reverseOrder", equalTo(true)).body("webhookDelayMs", equalTo(5));
        api().post("/chaos/reset").then().statusCode(200).body("reverseOrder", equalTo(false));
    }

    @Test
    void api_delay_applies_the_call_and_only_then_makes_the_caller_wait() throws Exception {
        putChaos(Map.of("apiDelayMs", 5000));
        String key = UUID.randomUUID().toString();
        HttpRequest create = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/charges"))
                .timeout(Duration.ofSeconds(1))
                .header("Authorization", "Bearer " + API_KEY)
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reference\":\"pay_slow\",\"amount\":\"1.00\",\"currency\":\"USD\"}"))
                .build();
        Assertions.assertThatThrownBy(() -> HttpClient.newHttpClient().send(create, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        calm();
        createCharge(key, "pay_slow", "1.00", "USD").statusCode(200).header("Idempotent-Replayed", "true")
                .body("status", equalTo("pending"));
    }

    @Test
    void health_and_openapi_are_served() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/v1/charges"));
    }

    // ---------------------------------------------------------------- helpers

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + API_KEY);
    }

    private static ValidatableResponse createCharge(String key, String reference, String amount, String currency) {
        return api().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("reference", reference, "amount", amount, "currency", currency))
                .post("/v1/charges").then();
    }

    private static String newCharge(String amount, String currency) {
        return createCharge(UUID.randomUUID().toString(), "pay_" + UUID.randomUUID(), amount, currency)
                .statusCode(200).extract().path("id");
    }

    private static String paidCharge(String amount, String currency) {
        String id = newCharge(amount, currency);
        given().post("/checkout/" + id + "/pay").then().statusCode(200);
        return id;
    }

    private static ValidatableResponse refund(String key, String charge, String amount, String currency) {
        return api().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("charge", charge, "amount", amount, "currency", currency))
                .post("/v1/refunds").then();
    }

    private static Map<String, Object> chaos(Map<String, Object> changes) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("duplicateWebhooks", 1);
        settings.put("webhookDelayMs", 0);
        settings.put("loseWebhooks", false);
        settings.put("reverseOrder", false);
        settings.put("declineAll", false);
        settings.put("apiDelayMs", 0);
        settings.put("failThenSucceed", false);
        settings.put("failThenSucceedDelayMs", 1000);
        settings.put("refunds", "succeed");
        settings.put("refundPendingMs", 1000);
        settings.putAll(changes);
        return settings;
    }

    private static void putChaos(Map<String, Object> changes) {
        api().contentType(ContentType.JSON).body(chaos(changes)).put("/chaos").then().statusCode(200);
    }

    private static void expectProblem(ValidatableResponse response, int status, String code) {
        response.statusCode(status);
        if (code != null) {
            response.contentType("application/problem+json")
                    .body("type", equalTo("about:blank"))
                    .body("status", equalTo(status))
                    .body("code", equalTo(code));
        }
    }

    private static List<WebhookReceiver.Delivery> deliveriesFor(String chargeId) {
        return WebhookReceiver.DELIVERIES.stream().filter(d -> d.body().contains("\"" + chargeId + "\"")).toList();
    }

    /** Waits for this charge's webhooks, checks every signature, and answers them in arrival order. */
    private static List<JsonNode> awaitEvents(String chargeId, int count) {
        await().atMost(WAIT).until(() -> deliveriesFor(chargeId).size() >= count);
        List<WebhookReceiver.Delivery> deliveries = deliveriesFor(chargeId);
        assertThat(deliveries).hasSize(count);
        deliveries.forEach(GatewaySimulatorTests::assertSigned);
        return deliveries.stream().map(d -> parse(d.body())).toList();
    }

    /** Verifies Gateway-Signature the way a receiver must, independently of the simulator's code. */
    private static void assertSigned(WebhookReceiver.Delivery delivery) {
        assertThat(delivery.contentType()).startsWith("application/json");
        assertThat(delivery.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
        String[] parts = delivery.signature().split(",");
        long t = Long.parseLong(parts[0].substring(2));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + delivery.body()).getBytes(StandardCharsets.UTF_8)));
            assertThat(parts[1]).isEqualTo("v1=" + expected);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        assertThat(t).isCloseTo(Instant.now().getEpochSecond(), Assertions.within(60L));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
