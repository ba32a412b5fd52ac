package io.exactsuite.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A checker that cannot fail proves nothing: each mutant weakens one guarantee of the suite (every
 * replica started with it, under the {@code mutant} profile that the prod profile refuses), and the
 * checker must report the invariant it breaks, with a counterexample. No faults: the workload's own
 * concurrency and retries are enough to expose each.
 */
class MutantsIT {

    @ParameterizedTest(name = "{0} is caught by {1}")
    @CsvSource({
            "skip-idempotency, same-key-same-answer",
            "balance-read-modify-write, points-conserved",
            "inventory-read-modify-write, inventory-conserved",
            "any-409-is-success, money-conserved" })
    void theCheckerCatchesTheMutant(String mutant, String invariant) throws Exception {
        Path report = Path.of("target", "mutant-" + mutant).toAbsolutePath();
        Check.Options options = Check.Options.parse(new String[] { "--seconds", "30", "--seed", "7", "--faults", "none",
                "--workers", "8", "--mutant", mutant, "--report", report.toString() }, Path.of("..").toAbsolutePath().normalize());

        boolean passed = Check.run(options);

        JsonNode json = new ObjectMapper().readTree(Files.readString(report.resolve("report.json")));
        Map<String, JsonNode> invariants = new HashMap<>();
        json.path("invariants").forEach(result -> invariants.put(result.path("name").asText(), result));
        assertThat(passed).as("the check fails with mutant " + mutant).isFalse();
        assertThat(invariants.get(invariant).path("status").asText()).as(invariant + " under " + mutant).isEqualTo("FAIL");
        assertThat(invariants.get(invariant).path("counterexamples")).as("a counterexample").isNotEmpty();
    }
}
