package io.exactsuite.gatewaysim;

import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.gatewaysim.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTests {

    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"charge.succeeded\",\"created\":1700000000,"
            + "\"data\":{\"chargeId\":\"ch_1\",\"status\":\"success\"}}";

    @Test
    void signs_timestamp_dot_raw_body_with_hmac_sha256_in_lowercase_hex() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("whsec_test".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(("1700000000." + BODY).getBytes(StandardCharsets.UTF_8)));

        String header = WebhookSignature.header("whsec_test", 1_700_000_000L, BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(header).isEqualTo("t=1700000000,v1=" + expected);
        assertThat(expected).matches("[0-9a-f]{64}");
    }

    @Test
    void matches_a_fixed_vector_computed_outside_java() {
        // printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        assertThat(WebhookSignature.header("secret", 1_700_000_000L, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1700000000,v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686");
    }

    @Test
    void another_secret_timestamp_or_body_gives_another_signature() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String base = WebhookSignature.hmacHex("s1", 100, body);
        assertThat(WebhookSignature.hmacHex("s2", 100, body)).isNotEqualTo(base);
        assertThat(WebhookSignature.hmacHex("s1", 101, body)).isNotEqualTo(base);
        assertThat(WebhookSignature.hmacHex("s1", 100, (BODY + " ").getBytes(StandardCharsets.UTF_8))).isNotEqualTo(base);
    }
}
