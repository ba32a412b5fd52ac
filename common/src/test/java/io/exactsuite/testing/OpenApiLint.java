package io.exactsuite.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Lints an OpenAPI document with Stoplight Spectral's {@code spectral:oas} ruleset (the repository's
 * {@code .spectral.yaml}) and fails on any finding, warnings included. Spectral is an npm package
 * ({@code npm install -g @stoplight/spectral-cli}; .ci/run installs it); where it is not installed the test
 * is skipped and says so.
 */
public final class OpenApiLint {

    private OpenApiLint() {
    }

    public static void assertClean(String document, String name) throws IOException, InterruptedException {
        Optional<Path> spectral = spectral();
        Assumptions.assumeTrue(spectral.isPresent(),
                "spectral is not installed (npm install -g @stoplight/spectral-cli): OpenAPI lint skipped");
        Path ruleset = repositoryFile(".spectral.yaml");
        Path file = Files.createTempFile(name + "-openapi", ".json");
        Files.writeString(file, document, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(spectral.get().toString(), "lint", file.toString(), "--ruleset",
                ruleset.toString(), "--format", "text", "--fail-severity", "hint").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("spectral finishes").isTrue();
        System.out.println("spectral lint " + name + ": " + (process.exitValue() == 0 ? "no findings" : "\n" + output));
        assertThat(process.exitValue()).as("spectral:oas findings for %s:%n%s", name, output).isZero();
        Files.deleteIfExists(file);
    }

    private static Optional<Path> spectral() {
        String configured = System.getenv("SPECTRAL");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, "spectral"))
                .filter(Files::isExecutable).findFirst();
    }

    private static Path repositoryFile(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalStateException(name + " not found above " + Path.of("").toAbsolutePath());
    }

}
