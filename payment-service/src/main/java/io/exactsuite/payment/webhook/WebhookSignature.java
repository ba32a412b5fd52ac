package io.exactsuite.payment.webhook;

import io.exactsuite.common.problem.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Gateway-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>}. Several
 * {@code v1} values and several accepted secrets may be present at once, which is how secrets rotate.
 */
public final class WebhookSignature {

    public static final String HEADER = "Gateway-Signature";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    /** Checks, in order: a header is present, one signature matches one secret (constant time), the timestamp is fresh. */
    public static void verify(String header, byte[] body, List<String> secrets, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            throw invalid("signature_missing", "The " + HEADER + " header is required");
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            try {
                if (pair[0].equals("t")) {
                    timestamp = Long.parseLong(pair[1]);
                } else if (pair[0].equals("v1")) {
                    signatures.add(HexFormat.of().parseHex(pair[1]));
                }
            } catch (IllegalArgumentException malformed) {
                throw invalid("signature_invalid", "The " + HEADER + " header is malformed");
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw invalid("signature_invalid", "The " + HEADER + " header needs t= and v1=");
        }
        boolean matched = false;
        for (String secret : secrets) {
            byte[] expected = hmac(secret, timestamp, body);
            for (byte[] candidate : signatures) {
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (!matched) {
            throw invalid("signature_invalid", "The webhook signature does not match");
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            throw invalid("signature_stale", "The webhook timestamp is outside the " + tolerance.toSeconds() + " s tolerance");
        }
    }

    private static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static ApiException invalid(String code, String detail) {
        return ApiException.badRequest(code, detail);
    }
}
