package io.exactsuite.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "key <script>alert('x')</script> & co charged twice";

    /**
     * checkout: OK, FAIL, UNKNOWN + one never completed; vote: OK, OK, FAIL, UNKNOWN. On a driven clock so
     * the timeline is exact: second 0 has 3 OK, second 1 has 1 FAIL + 1 UNKNOWN, second 2 has 1 FAIL +
     * 1 UNKNOWN + the one still in flight.
     */
    private static History smallHistory() {
        AtomicLong nowMs = new AtomicLong();
        History history = new History(() -> nowMs.get() * 1_000_000);
        record Step(String type, String key, long invokeMs, long completeMs, Outcome outcome, String detail) {}
        List<Step> steps = List.of(
                new Step("checkout", "k-1", 50, 100, Outcome.OK, "201"),
                new Step("vote", null, 150, 200, Outcome.OK, "200"),
                new Step("vote", null, 250, 300, Outcome.OK, "200"),
                new Step("checkout", "k-4", 400, -1, null, null),
                new Step("checkout", "k-2", 1_000, 1_200, Outcome.FAIL, "409 out_of_stock"),
                new Step("checkout", "k-3", 1_300, 1_500, Outcome.UNKNOWN, "timeout"),
                new Step("vote", null, 2_000, 2_100, Outcome.FAIL, "403"),
                new Step("vote", null, 2_500, 2_900, Outcome.UNKNOWN, "connection reset"));
        for (Step step : steps) {
            nowMs.set(step.invokeMs());
            long id = history.invoke(step.type(), step.key());
            if (step.outcome() != null) {
                nowMs.set(step.completeMs());
                history.complete(id, step.outcome(), step.detail());
            }
        }
        return history;
    }

    private static Report.Run smallRun() {
        List<String> counterexamples = new ArrayList<>();
        counterexamples.add(HOSTILE);
        IntStream.range(1, 25).forEach(i -> counterexamples.add("order " + i + " charged twice"));
        return new Report.Run(42, "short", "./suite check --seed 42 --profile short", smallHistory(),
                List.of(new FaultEvent("postgres-kill", "points-db", 1_000, 2_500, "pg restarted"),
                        FaultEvent.instantaneous("replica-kill", "order-service#2", 500, "SIGKILL")),
                List.of(InvariantResult.pass("no-lost-points", "every acknowledged spend is in the ledger", 8),
                        InvariantResult.fail("charged-once", "each checkout key charged at most once", 30,
                                counterexamples)),
                3_000);
    }

    @Test
    void jsonHasTheStableSchemaAndCountsInFlightAsUnknown(@TempDir Path dir) throws Exception {
        Report.write(dir, smallRun());

        JsonNode json = JSON.readTree(dir.resolve("report.json").toFile());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("schemaVersion", "verdict", "seed", "profile", "command", "startedAt",
                "durationSeconds", "operations", "timeline", "faults", "invariants");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(json.get("seed").asLong()).isEqualTo(42);
        assertThat(json.get("profile").asText()).isEqualTo("short");
        assertThat(json.get("command").asText()).isEqualTo("./suite check --seed 42 --profile short");
        assertThat(json.get("startedAt").asText()).endsWith("Z");
        assertThat(Instant.parse(json.get("startedAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(json.get("durationSeconds").asDouble()).isEqualTo(3.0);

        JsonNode operations = json.get("operations");
        assertThat(operations.get("total").asLong()).isEqualTo(8);
        assertThat(operations.get("byType")).isEqualTo(JSON.readTree("""
                {"checkout": {"OK": 1, "FAIL": 1, "UNKNOWN": 2}, "vote": {"OK": 2, "FAIL": 1, "UNKNOWN": 1}}"""));

        // A 3.000 s run covers seconds 0..2; the op still in flight counts UNKNOWN in the last one.
        assertThat(json.get("timeline")).isEqualTo(JSON.readTree("""
                [{"second": 0, "OK": 3, "FAIL": 0, "UNKNOWN": 0},
                 {"second": 1, "OK": 0, "FAIL": 1, "UNKNOWN": 1},
                 {"second": 2, "OK": 0, "FAIL": 1, "UNKNOWN": 2}]"""));

        JsonNode faults = json.get("faults");
        assertThat(faults).hasSize(2);
        assertThat(faults.get(0).get("kind").asText()).as("sorted by time").isEqualTo("replica-kill");
        assertThat(faults.get(0).get("target").asText()).isEqualTo("order-service#2");
        assertThat(faults.get(0).get("atSeconds").asDouble()).isEqualTo(0.5);
        assertThat(faults.get(0).get("healedAtSeconds").isNull()).isTrue();
        assertThat(faults.get(0).get("detail").asText()).isEqualTo("SIGKILL");
        assertThat(faults.get(1).get("atSeconds").asDouble()).isEqualTo(1.0);
        assertThat(faults.get(1).get("healedAtSeconds").asDouble()).isEqualTo(2.5);

        JsonNode invariants = json.get("invariants");
        assertThat(invariants).hasSize(2);
        assertThat(invariants.get(0).get("status").asText()).isEqualTo("PASS");
        assertThat(invariants.get(0).get("checked").asLong()).isEqualTo(8);
        assertThat(invariants.get(0).get("counterexamples")).isEmpty();
        JsonNode failed = invariants.get(1);
        assertThat(failed.get("name").asText()).isEqualTo("charged-once");
        assertThat(failed.get("description").asText()).isEqualTo("each checkout key charged at most once");
        assertThat(failed.get("status").asText()).isEqualTo("FAIL");
        assertThat(failed.get("checked").asLong()).isEqualTo(30);
        assertThat(failed.get("counterexamples")).hasSize(InvariantResult.MAX_COUNTEREXAMPLES + 1);
        assertThat(failed.get("counterexamples").get(0).asText()).isEqualTo(HOSTILE);
        assertThat(failed.get("counterexamples").get(20).asText()).isEqualTo("... and 5 more");
    }

    @Test
    void htmlIsSelfContainedWithChartFaultLabelsAndEscapedText(@TempDir Path dir) throws Exception {
        Path html = Report.write(dir.resolve("nested/report-dir"), smallRun());

        assertThat(html).isEqualTo(dir.resolve("nested/report-dir/report.html"));
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).contains("<svg", "replica-kill", "postgres-kill", "FAIL", "operations/s", "seconds");
        assertThat(page).contains("key &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co charged twice");
        assertThat(page.toLowerCase()).doesNotContain("<script", "<link", " src=", "url(", "@import");
        assertThat(page).contains("... and 5 more");
    }

    @Test
    void runPassesOnlyWhenEveryInvariantPassed() {
        History history = new History();
        InvariantResult held = InvariantResult.pass("a", "a holds", 1);
        assertThat(new Report.Run(1, "short", "c", history, List.of(), List.of(held, held), 0).passed()).isTrue();
        assertThat(new Report.Run(1, "short", "c", history, List.of(),
                List.of(held, InvariantResult.fail("b", "b holds", 1, List.of("x"))), 0).passed()).isFalse();
    }

    @Test
    void counterexamplesAreCappedOnlyBeyondTheLimit() {
        List<String> twenty = IntStream.range(0, 20).mapToObj(i -> "c" + i).toList();
        assertThat(InvariantResult.fail("n", "d", 20, twenty).counterexamples()).isEqualTo(twenty);
        List<String> twentyOne = IntStream.range(0, 21).mapToObj(i -> "c" + i).toList();
        assertThat(InvariantResult.fail("n", "d", 21, twentyOne).counterexamples()).hasSize(21).endsWith("... and 1 more");
    }

    @Test
    void historyCountsInFlightAsUnknownAndRefusesDoubleCompletion() {
        History history = smallHistory();
        assertThat(history.countsByType().get("checkout")).isEqualTo(
                Map.of(Outcome.OK, 1L, Outcome.FAIL, 1L, Outcome.UNKNOWN, 2L));
        History.Op inFlight = history.ops().get(3);
        assertThat(inFlight.invokedAtMs()).isEqualTo(400);
        assertThat(inFlight.completedAtMs()).isEqualTo(-1);
        assertThat(inFlight.outcome()).isNull();
        assertThat(inFlight.key()).isEqualTo("k-4");

        long id = history.invoke("pay", "p-1");
        history.complete(id, Outcome.OK, "200");
        assertThatThrownBy(() -> history.complete(id, Outcome.FAIL, "late")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> history.complete(9_999, Outcome.OK, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void historyRecordsConcurrentOperationsWithUniqueIds() throws Exception {
        int threads = 8;
        int perThread = 1_000;
        History history = new History();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String type = t % 2 == 0 ? "spend" : "pay";
                workers.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        long id = history.invoke(type, null);
                        history.complete(id, Outcome.values()[i % 3], null);
                    }
                    return null;
                }));
            }
            ready.await();
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(); // rethrows anything a worker threw
            }
        } finally {
            pool.shutdownNow();
        }

        List<History.Op> ops = history.ops();
        assertThat(ops).hasSize(threads * perThread);
        Set<Long> ids = new HashSet<>();
        ops.forEach(op -> ids.add(op.id()));
        assertThat(ids).hasSize(threads * perThread);
        assertThat(ops).extracting(History.Op::id).isSorted();
        assertThat(ops).allSatisfy(op -> {
            assertThat(op.outcome()).isNotNull();
            assertThat(op.completedAtMs()).isGreaterThanOrEqualTo(op.invokedAtMs());
        });
        long counted = history.countsByType().values().stream()
                .flatMap(byOutcome -> byOutcome.values().stream()).mapToLong(Long::longValue).sum();
        assertThat(counted).isEqualTo(threads * perThread);
    }
}
