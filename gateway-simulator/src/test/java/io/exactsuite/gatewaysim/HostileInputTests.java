package io.exactsuite.gatewaysim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.gatewaysim.charge.ChargeService;
import io.exactsuite.gatewaysim.refund.RefundService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The simulator stands in for a real gateway, so it answers hostile input the way a real one would: every malformed
 * request is a 4xx problem+json with a code, and nothing is created. It is dev-only, but a test suite that trusts it
 * must not be fooled by a fake that accepts what a real gateway refuses.
 */
@QuarkusTest
class HostileInputTests {

    private static final String API_KEY = "sk_test_dev_only";

    @Inject
    ChargeService charges;
    @Inject
    RefundService refunds;

    @Test
    void shouldRefuseEveryHostileBodyWithAProblemAndCreateNothing() {
        int chargesBefore = charges.count();
        int refundsBefore = refunds.count();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (String[] operation : new String[][] { { "POST", "/v1/charges" }, { "POST", "/v1/refunds" }, { "PUT", "/chaos" } }) {
            for (Map.Entry<String, byte[]> body : hostileBodies().entrySet()) {
                String type = body.getKey().equals("text/plain") ? "text/plain" : "application/json";
                Response response = given().header("Authorization", "Bearer " + API_KEY)
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(type).body(body.getValue())
                        .request(operation[0], operation[1]);
                cases++;
                check(operation[0] + " " + operation[1] + " with " + body.getKey(), response, failures, 400, 415);
            }
        }
        System.out.println("gateway simulator hostile bodies: " + cases + " cases, " + failures.size() + " failures");
        assertThat(failures).isEmpty();
        assertThat(charges.count()).isEqualTo(chargesBefore);
        assertThat(refunds.count()).isEqualTo(refundsBefore);
    }

    @Test
    void shouldAnswerUnknownIdsWrongMethodsAndMissingKeysWithProblems() {
        List<String> failures = new ArrayList<>();
        check("GET an unknown charge", api().get("/v1/charges/ch_nope"), failures, 404);
        check("GET an unknown refund", api().get("/v1/refunds/re_nope"), failures, 404);
        check("GET an unknown checkout", given().accept("application/json").get("/checkout/ch_nope"), failures, 404);
        check("pay an unknown checkout", given().accept("application/json").post("/checkout/ch_nope/pay"), failures, 404);
        check("DELETE charges", api().delete("/v1/charges"), failures, 405);
        check("charges without a key", given().contentType("application/json").body("{}").post("/v1/charges"), failures, 401);
        check("charges with a wrong key", given().header("Authorization", "Bearer sk_wrong").contentType("application/json")
                .body("{}").post("/v1/charges"), failures, 401);
        check("chaos without a key", given().get("/chaos"), failures, 401);
        check("a charge as XML", api().header("Idempotency-Key", "x-1").accept("application/json")
                .contentType("application/xml").body("<charge/>").post("/v1/charges"), failures, 415);
        assertThat(failures).isEmpty();
    }

    private static io.restassured.specification.RequestSpecification api() {
        return given().header("Authorization", "Bearer " + API_KEY);
    }

    private static void check(String what, Response response, List<String> failures, int... statuses) {
        String type = response.contentType() == null ? "" : response.contentType();
        boolean expected = false;
        for (int status : statuses) {
            expected |= response.statusCode() == status;
        }
        String code = type.startsWith("application/problem+json") ? response.jsonPath().getString("code") : null;
        if (!expected || code == null || code.isBlank()) {
            failures.add(what + ": " + response.statusCode() + " " + type + " " + response.asString());
        }
    }

    private static Map<String, byte[]> hostileBodies() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed JSON", "{\"reference\":");
        bodies.put("a key given twice", "{\"reference\":\"a\",\"reference\":\"b\",\"amount\":\"1.00\",\"currency\":\"USD\"}");
        bodies.put("a NUL in text", "{\"reference\":\"a\\u0000b\",\"charge\":\"a\\u0000b\",\"amount\":\"1.00\",\"currency\":\"USD\"}");
        bodies.put("a lone surrogate", "{\"reference\":\"a\\ud800b\",\"charge\":\"a\\ud800b\",\"amount\":\"1.00\",\"currency\":\"USD\"}");
        bodies.put("a number for the amount", "{\"reference\":\"r\",\"charge\":\"ch_x\",\"amount\":1.00,\"currency\":\"USD\"}");
        bodies.put("a padded amount", "{\"reference\":\"r\",\"charge\":\"ch_x\",\"amount\":\" 1.00\",\"currency\":\"USD\"}");
        bodies.put("a leading-zero amount", "{\"reference\":\"r\",\"charge\":\"ch_x\",\"amount\":\"0001.00\",\"currency\":\"USD\"}");
        bodies.put("a negative amount", "{\"reference\":\"r\",\"charge\":\"ch_x\",\"amount\":\"-1.00\",\"currency\":\"USD\"}");
        bodies.put("an unknown currency", "{\"reference\":\"r\",\"charge\":\"ch_x\",\"amount\":\"1.00\",\"currency\":\"XYZ\"}");
        bodies.put("text/plain", "erin");
        bodies.put("a number instead of an object", "5");
        bodies.put("two documents", "{}{}");
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        bodies.forEach((name, body) -> bytes.put(name, body.getBytes(StandardCharsets.UTF_8)));
        bytes.put("a byte order mark", "\uFEFF{}".getBytes(StandardCharsets.UTF_8));
        bytes.put("UTF-16", "{\"reference\":\"r\"}".getBytes(StandardCharsets.UTF_16LE));
        bytes.put("invalid UTF-8", new byte[] { '{', '"', 'r', 'e', 'f', 'e', 'r', 'e', 'n', 'c', 'e', '"', ':', '"', (byte) 0xC3,
                (byte) 0x28, '"', '}' });
        return bytes;
    }
}
