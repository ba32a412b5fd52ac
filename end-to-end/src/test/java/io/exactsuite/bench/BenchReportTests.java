package io.exactsuite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.bench.Bench.Row;
import io.exactsuite.bench.BenchSuite.Service;
import io.exactsuite.bench.Ceilings.Ceiling;
import io.exactsuite.bench.Ceilings.Kind;
import io.exactsuite.bench.Scenarios.FlowResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark judges its targets from its own run's figures; the arithmetic is plain and tested here. */
class BenchReportTests {

    private static final Bench.Options OPTIONS = Bench.Options.parse(new String[0], Path.of("."));

    @Test
    void optionsDefaultToTenSecondRunsAtOneSixteenAndSixtyFourClients() {
        assertThat(OPTIONS.seconds()).isEqualTo(10);
        assertThat(OPTIONS.clients()).containsExactly(1, 16, 64);
        assertThat(OPTIONS.wants("checkout-hot")).isTrue();
        assertThat(OPTIONS.startAlone()).isTrue();
        assertThat(Bench.Options.parse(new String[] { "--no-start-alone" }, Path.of(".")).startAlone()).isFalse();
        Bench.Options only = Bench.Options.parse(new String[] { "--only", "checkout-hot,paid-vote-flow", "--clients", "16" },
                Path.of("."));
        assertThat(only.wants("checkout-hot")).isTrue();
        assertThat(only.wants("vote-purchase")).isFalse();
        assertThat(only.clients()).containsExactly(16);
    }

    @Test
    void judgesEachTargetAgainstTheCeilingOfTheSameRunAndClientCount() {
        List<Ceiling> ceilings = List.of(new Ceiling(Kind.HOT_ROW, 16, 1000), new Ceiling(Kind.HOT_ROW, 1, 400),
                new Ceiling(Kind.APPEND, 16, 4000));
        List<Row> rows = List.of(
                row("checkout-hot", 16, 600, 20, "hot-row increment", 1000.0),
                row("checkout-replay", 16, 1500, 8, "checkout-hot (HTTP)", 600.0),
                row("vote-purchase", 16, 300, 70, "append-only insert", 4000.0));
        BenchReport report = new BenchReport(OPTIONS, ceilings, rows, new FlowResult(600, 2.0, 300, 600, true),
                Map.of(Service.VOTING, 2500L, Service.POINTS, 5000L), Map.of(Service.VOTING, 300L, Service.POINTS, 300L),
                Map.of(Service.VOTING, 400L), Map.of(Service.POINTS, new BenchSuite.StartAlone(4000, 2000, 200)));

        Map<String, Boolean> met = new java.util.HashMap<>();
        report.targets().forEach(target -> met.put(target.name(), target.met()));
        assertThat(met).containsEntry("checkout-hot (16) >= 0.5x hot-row ceiling", true)
                .containsEntry("checkout-replay (16) >= 3x checkout-hot", false)
                .containsEntry("vote-purchase (16) >= 0.1x append ceiling", false)
                .containsEntry("whole paid-vote flow >= 1x single-row ceiling", false)
                .containsEntry("checkout-hot (16) p99 < 50 ms", true)
                .containsEntry("vote-purchase (16) p99 < 50 ms", false)
                .containsEntry("voting-service ready < 3 s (cold)", true)
                .containsEntry("voting-service RSS idle < 250 MB", false)
                .containsEntry("points-service ready < 3 s (alone, CDS)", true)
                .containsEntry("points-service RSS idle < 250 MB", true)
                .containsEntry("credits-hot (16) over HTTP >= 2x single-row ceiling", null);
        assertThat(report.table()).contains("checkout-hot").contains("0.600×").contains("paid-vote-flow");
    }

    private static Row row(String scenario, int clients, double perSecond, double p99, String against, Double ceiling) {
        return new Row(scenario, clients, new Wrk.Result((long) (perSecond * 10), 10, perSecond, p99 / 2, p99, p99 * 2, 0), against,
                ceiling);
    }
}
