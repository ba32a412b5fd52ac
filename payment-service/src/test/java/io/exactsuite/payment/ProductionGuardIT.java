package io.exactsuite.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void shouldRefuseToStartWithTheCommittedWebhookSecret() throws Exception {
        Path log = dir.resolve("refused.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + ServiceProcess.freePort(),
                "-Dsuite.data-dir=" + dir.resolve("data"), "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("PAYMENT_"));
        Process process = builder.start();

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("Refusing to start in the prod profile with the committed dev-only webhook secret");
    }

    @Test
    void shouldStartWithASecretOfItsOwn() {
        try (ServiceProcess service = ServiceProcess.start(JAR, dir.resolve("started.log"),
                Map.of("PAYMENT_WEBHOOK_SECRETS", "whsec_" + UUID.randomUUID()), "-Dsuite.data-dir=" + dir.resolve("data"))) {
            assertThat(service.http().get("/q/health/ready", null).status()).isEqualTo(200);
        }
    }
}
