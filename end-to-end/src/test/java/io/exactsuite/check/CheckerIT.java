package io.exactsuite.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The checker's short profile, as README's test command runs it: two replicas of every service, every
 * fault class at least once, then every invariant judged. It fails when any invariant fails, and names
 * the counterexamples in the report.
 */
class CheckerIT {

    @Test
    void shortProfileHoldsEveryInvariantUnderEveryFaultClass() throws Exception {
        Path report = Path.of("target", "check-report").toAbsolutePath();
        Check.Options options = Check.Options.parse(new String[] { "--profile", "short", "--seconds", "45", "--seed", "20261130",
                "--report", report.toString() }, Path.of("..").toAbsolutePath().normalize());

        boolean passed = Check.run(options);

        JsonNode json = new ObjectMapper().readTree(Files.readString(report.resolve("report.json")));
        Set<String> injected = new HashSet<>();
        json.path("faults").forEach(fault -> injected.add(fault.path("kind").asText()));
        assertThat(injected).as("every fault class injected at least once").containsAll(Check.ALL_FAULTS);
        assertThat(json.path("operations").path("total").asLong()).as("operations in the history").isGreaterThan(200);
        assertThat(passed).as("every invariant holds; see " + report.resolve("report.html") + "\n" + json.path("invariants"))
                .isTrue();
    }
}
