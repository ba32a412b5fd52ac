package io.exactsuite.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exactsuite.check.Cluster.Service;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checker's command line: profiles, fault classes, a running suite as target, mutants. */
class CheckOptionsTests {

    private static final Path REPOSITORY = Path.of(".");

    @Test
    void shortProfileByDefaultWithEveryFaultClass() {
        Check.Options options = Check.Options.parse(new String[0], REPOSITORY);
        assertThat(options.profile()).isEqualTo("short");
        assertThat(options.seconds()).isEqualTo(60);
        assertThat(options.faults()).containsExactlyElementsOf(Check.ALL_FAULTS);
        assertThat(options.targets()).isNull();
    }

    @Test
    void longProfileRunsHalfAnHourAndAHundredThousandOperationsWithThirtyTwoClients() {
        Check.Options options = Check.Options.parse(new String[] { "--profile", "long", "--seed", "42" }, REPOSITORY);
        assertThat(options.seconds()).isEqualTo(1800);
        assertThat(options.ops()).isEqualTo(100_000);
        assertThat(options.workers()).isEqualTo(32);
        assertThat(options.done(1800, 99_999)).as("half an hour is not enough alone").isFalse();
        assertThat(options.done(1799, 100_000)).as("nor are the operations").isFalse();
        assertThat(options.done(1800, 100_000)).isTrue();
        assertThat(options.done(5400, 10)).as("bounded: three times the seconds at most").isTrue();
        assertThat(options.seed()).isEqualTo(42);
    }

    @Test
    void shortProfileStopsAtWhicheverLimitComesFirst() {
        Check.Options options = Check.Options.parse(new String[] { "--seconds", "45" }, REPOSITORY);
        assertThat(options.done(45, 1)).isTrue();
        assertThat(options.done(1, 4000)).isTrue();
        assertThat(options.done(44, 3999)).isFalse();
    }

    @Test
    void aRunningSuiteOffersOnlyTheGatewaysChaos() {
        Check.Options options = Check.Options.parse(new String[] { "--targets", "order=http://127.0.0.1:9083" }, REPOSITORY);
        assertThat(options.faults()).containsExactly("chaos");
        RunningSuite suite = new RunningSuite(options.targets());
        assertThat(suite.url(Service.ORDER)).isEqualTo("http://127.0.0.1:9083");
        assertThat(suite.url(Service.POINTS)).as("./suite's port when not given").isEqualTo("http://127.0.0.1:8082");
        assertThatThrownBy(() -> Check.Options.parse(new String[] { "--targets", "order=http://x", "--faults", "kill" }, REPOSITORY))
                .hasMessageContaining("kill");
        assertThatThrownBy(() -> Check.Options.parse(new String[] { "--targets", "order=http://x", "--mutant", "skip-idempotency" },
                REPOSITORY)).hasMessageContaining("--mutant");
        assertThatThrownBy(() -> new RunningSuite("ledger=http://x")).hasMessageContaining("ledger");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> Check.Options.parse(new String[] { "--faults", "meteor" }, REPOSITORY)).hasMessageContaining("meteor");
        assertThatThrownBy(() -> Check.Options.parse(new String[] { "--profile", "medium" }, REPOSITORY)).hasMessageContaining("medium");
        assertThatThrownBy(() -> Check.Options.parse(new String[] { "--seconds" }, REPOSITORY)).hasMessageContaining("usage");
        assertThat(Check.Options.parse(new String[] { "--faults", "none" }, REPOSITORY).faults()).isEmpty();
    }
}
