package io.exactsuite.gatewaysim.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Gateway-Signature: t=<unix seconds>,v1=<lowercase hex HMAC-SHA256(secret, t + "." + raw body)>}.
 * The timestamp is signed too, so a receiver can refuse old captured requests.
 */
public final class WebhookSignature {

    public static final String HEADER = "Gateway-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long unixSeconds, byte[] rawBody) {
        return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds, rawBody);
    }

    public static String hmacHex(String secret, long unixSeconds, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(rawBody));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
