package io.exactsuite.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service in the prod profile, as {@code java -jar} runs it. */
class ProductionGuardIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @TempDir
    Path dir;

    /** What a production deployment sets: a JWT key, a webhook secret and a gateway of its own. */
    private static Map<String, String> production() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String publicKey = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("MP_JWT_VERIFY_PUBLICKEY", publicKey);
        env.put("PAYMENT_WEBHOOK_SECRETS", "whsec_" + UUID.randomUUID());
        env.put("PAYMENT_GATEWAY_SECRET_KEY", "sk_live_" + UUID.randomUUID());
        env.put("PAYMENT_GATEWAY_BASE_URL", "http://127.0.0.1:9"); // not called while nothing is paid
        return env;
    }

    private String refusal(Map<String, String> env) throws Exception {
        Path log = dir.resolve("refused-" + UUID.randomUUID() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + ServiceProcess.freePort(),
                "-Dsuite.data-dir=" + dir.resolve("data"), "-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("PAYMENT_")
                || name.startsWith("MP_JWT_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        return Files.readString(log);
    }

    @Test
    void shouldRefuseToStartWithTheCommittedWebhookSecret() throws Exception {
        Map<String, String> env = production();
        env.remove("PAYMENT_WEBHOOK_SECRETS");
        assertThat(refusal(env)).contains("Refusing to start in the prod profile with the committed dev-only webhook secret");
    }

    @Test
    void shouldRefuseToStartWithTheCommittedJwtKey() throws Exception {
        Map<String, String> env = production();
        env.remove("MP_JWT_VERIFY_PUBLICKEY");
        assertThat(refusal(env)).contains("Refusing to start in the prod profile with the committed dev-only JWT key");
    }

    @Test
    void shouldRefuseToStartWithTheSimulatorAsItsGateway() throws Exception {
        Map<String, String> env = production();
        env.remove("PAYMENT_GATEWAY_BASE_URL");
        env.remove("PAYMENT_GATEWAY_SECRET_KEY");
        assertThat(refusal(env)).contains("the dev gateway key").contains("the gateway simulator as its gateway");
    }

    @Test
    void shouldStartWithSettingsOfItsOwn() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(JAR, dir.resolve("started.log"), production(),
                "-Dsuite.data-dir=" + dir.resolve("data"))) {
            assertThat(service.http().get("/q/health/ready", null).status()).isEqualTo(200);
        }
    }
}
