package io.exactsuite.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * DEV ONLY: mints RS256 tokens signed with the committed dev key pair, which the services trust only
 * while no other key is configured. JDK classes only, so it also runs as a single-file program:
 *
 * <pre>java common/src/test/java/io/exactsuite/testing/DevTokens.java alice user [ttl-seconds]</pre>
 */
public final class DevTokens {

    public static final String ISSUER = "exact-suite";
    private static final String KEY_RESOURCE = "dev-only-jwt/private.pem";
    private static final Path KEY_FILE = Path.of("common/src/test/resources", KEY_RESOURCE);

    private DevTokens() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DevTokens <subject> <group[,group...]> [ttl-seconds]");
            System.exit(2);
        }
        Duration ttl = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 86_400);
        System.out.println(mint(args[0], ttl, args[1].split(",")));
    }

    public static String user(String subject) {
        return mint(subject, Duration.ofHours(1), "user");
    }

    public static String service(String subject) {
        return mint(subject, Duration.ofHours(1), "service");
    }

    public static String admin(String subject) {
        return mint(subject, Duration.ofHours(1), "admin");
    }

    public static String mint(String subject, Duration ttl, String... groups) {
        return sign(subject, Instant.now(), ttl, ISSUER, groups);
    }

    public static String sign(String subject, Instant issuedAt, Duration ttl, String issuer, String... groups) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String groupList = Arrays.stream(groups).map(DevTokens::quote).collect(Collectors.joining(","));
        String claims = "{\"iss\":" + quote(issuer)
                + ",\"sub\":" + quote(subject)
                + ",\"upn\":" + quote(subject)
                + ",\"groups\":[" + groupList + "]"
                + ",\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + issuedAt.plus(ttl).getEpochSecond()
                + ",\"jti\":" + quote(UUID.randomUUID().toString()) + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot sign dev token", e);
        }
    }

    private static PrivateKey privateKey() throws IOException, GeneralSecurityException {
        String pem;
        try (InputStream resource = DevTokens.class.getClassLoader() == null ? null
                : DevTokens.class.getClassLoader().getResourceAsStream(KEY_RESOURCE)) {
            pem = resource != null ? new String(resource.readAllBytes(), StandardCharsets.US_ASCII)
                    : Files.readString(KEY_FILE);
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
