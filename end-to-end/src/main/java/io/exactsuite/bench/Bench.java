package io.exactsuite.bench;

import io.exactsuite.bench.BenchSuite.Service;
import io.exactsuite.bench.Ceilings.Ceiling;
import io.exactsuite.bench.Ceilings.Kind;
import io.exactsuite.bench.Scenarios.FlowResult;
import io.exactsuite.bench.Scenarios.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./suite bench}: the services' throughput and latency over real HTTP, each read against a raw-SQL ceiling
 * that pgbench measures on the same PostgreSQL server in the same run. Not a test: it asserts nothing, it prints a
 * table (and writes bench.json and bench.html) for a person to read.
 *
 * <pre>
 *   --seconds N     each measured run (default 10)
 *   --warmup N      a run at 16 connections before each scenario's measured runs (default 3)
 *   --clients LIST  connections (default 1,16,64); the ceilings are measured at the same counts
 *   --only LIST     scenario names (default all; see Scenarios#all), plus paid-vote-flow
 *   --flow N        purchases in the whole paid-vote flow (default 600)
 *   --report DIR    where bench.json and bench.html go (default .data/bench)
 *   --jfr           each service records a JFR profile (DIR/suite/*.jfr); a summary of each is printed at the end
 *   --jvm "FLAGS"   extra JVM flags for every service (to compare start-up, memory and speed under other flags)
 *   --no-start-alone  skip restarting each service on its own, first recording a class-data sharing archive of
 *                   its start and then from it (the "ready on a warm JVM cache" and idle RSS figures)
 * </pre>
 */
public final class Bench {

    record Options(int seconds, int warmup, List<Integer> clients, List<String> only, int flow, Path report, Path repository,
            boolean jfr, List<String> jvmFlags, boolean startAlone) {

        static Options parse(String[] args, Path repository) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--jfr") || args[i].equals("--no-start-alone")) {
                    given.put(args[i].substring(2), "true");
                    continue;
                }
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("usage: ./suite bench [--seconds N] [--warmup N] [--clients 1,16,64]"
                            + " [--only NAMES] [--flow N] [--report DIR] [--jfr] [--jvm \"FLAGS\"] [--no-start-alone]");
                }
                given.put(args[i].substring(2), args[++i]);
            }
            List<Integer> clients = Arrays.stream(given.getOrDefault("clients", "1,16,64").split(",")).map(String::trim)
                    .map(Integer::parseInt).toList();
            List<String> only = given.containsKey("only") ? List.of(given.get("only").split(",")) : List.of();
            return new Options(Integer.parseInt(given.getOrDefault("seconds", "10")), Integer.parseInt(given.getOrDefault("warmup", "3")),
                    clients, only, Integer.parseInt(given.getOrDefault("flow", "600")),
                    repository.resolve(given.getOrDefault("report", ".data/bench")), repository, given.containsKey("jfr"),
                    given.containsKey("jvm") ? List.of(given.get("jvm").trim().split("\\s+")) : List.of(),
                    !given.containsKey("no-start-alone"));
        }

        boolean wants(String scenario) {
            return only.isEmpty() || only.contains(scenario);
        }
    }

    /** One measured HTTP run, with the ceiling it is read against (null when none applies). */
    record Row(String scenario, int clients, Wrk.Result result, String ceilingName, Double ceiling) {

        Double ratio() {
            return ceiling == null || ceiling == 0 ? null : result.perSecond() / ceiling;
        }
    }

    public static void main(String[] args) {
        Path repository = Path.of(System.getProperty("suite.repository", ".")).toAbsolutePath().normalize();
        Options options;
        try {
            options = Options.parse(args, repository);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String wrk = Wrk.wrk();
        if (wrk == null) {
            System.err.println("bench: wrk is not installed (Debian/Ubuntu: apt-get install -y wrk); it drives the HTTP load.");
            System.exit(2);
            return;
        }
        String pgbench = Ceilings.pgbench();
        if (pgbench == null) {
            System.out.println("bench: pgbench is not installed (Debian/Ubuntu: apt-get install -y postgresql-client):"
                    + " no raw-SQL ceilings, so no ratios, this run");
        }
        run(options, wrk, pgbench);
        System.exit(0);
    }

    static void run(Options options, String wrk, String pgbench) {
        Path work = options.report();
        System.out.printf("bench: one durable PostgreSQL, one JVM per service; %d s per run, %d s warm-up, clients %s%n",
                options.seconds(), options.warmup(), options.clients());
        if (!options.jvmFlags().isEmpty()) {
            System.out.println("bench: every service runs with " + String.join(" ", options.jvmFlags()));
        }
        try (BenchSuite suite = new BenchSuite(options.repository(), work.resolve("suite"), options.jfr(), options.jvmFlags())) {
            suite.readyMillis.forEach((service, ms) -> System.out.printf("bench: %-18s ready in %,d ms%n", service.module, ms));
            Map<Service, Long> idle = suite.residentMib();
            Map<Service, BenchSuite.StartAlone> alone = Map.of();
            if (options.startAlone()) {
                alone = suite.restartEachAloneFromArchive();
                alone.forEach((service, start) -> System.out.printf(
                        "bench: %-18s alone: ready in %,d ms recording its CDS archive, %,d ms from it; %d MiB idle%n",
                        service.module, start.recordingMillis(), start.warmMillis(), start.idleMib()));
            }
            List<Ceiling> ceilings = pgbench == null ? List.of()
                    : Ceilings.measure(suite, pgbench, options.clients(), options.seconds(), work);
            Scenarios scenarios = new Scenarios(suite);
            scenarios.setUp();
            long creditsPerScenario = Scenarios.CREDITS_PER_SECOND
                    * (options.warmup() + 1 + (long) options.clients().size() * (options.seconds() + 1));
            scenarios.setUpCredits(creditsPerScenario, creditsPerScenario);
            List<Row> rows = new ArrayList<>();
            Map<Service, Long> loaded = new LinkedHashMap<>();
            for (Scenario scenario : scenarios.all()) {
                if (!options.wants(scenario.name())) {
                    continue;
                }
                String url = suite.url(scenario.service());
                if (options.warmup() > 0) {
                    Wrk.run(wrk, url, request(scenarios, scenario, options.warmup()), 16, options.warmup(), work,
                            scenario.name() + "-warmup");
                }
                for (int clients : options.clients()) {
                    Wrk.Result result = Wrk.run(wrk, url, request(scenarios, scenario, options.seconds()), clients, options.seconds(),
                            work, scenario.name() + "-" + clients);
                    suite.residentMib().forEach((service, mib) -> loaded.merge(service, mib, Math::max));
                    Row row = row(scenario, clients, result, ceilings, rows);
                    rows.add(row);
                    System.out.println("bench: " + BenchReport.line(row));
                }
            }
            if (options.wants("credits-hot") || options.wants("credits-1000-contestants")) {
                System.out.println("bench: tallies after the credits runs: " + (scenarios.talliesExact() ? "exact (audit consistent)"
                        : "NOT EXACT (see GET /contests/{id}/audit)"));
            }
            FlowResult flow = null;
            if (options.wants("paid-vote-flow")) {
                flow = scenarios.paidVoteFlow(options.flow(), 16);
                suite.residentMib().forEach((service, mib) -> loaded.merge(service, mib, Math::max));
                System.out.printf("bench: paid-vote-flow %d purchases in %.1f s: %.0f votes/s, tally %s%n", flow.purchases(),
                        flow.seconds(), flow.perSecond(), flow.exact() ? "exact" : "NOT exact (" + flow.credited() + ")");
            }
            BenchReport report = new BenchReport(options, ceilings, rows, flow, suite.readyMillis, idle, loaded, alone);
            System.out.println();
            System.out.print(report.table());
            report.write(work);
            System.out.println("bench: " + work.resolve("bench.json") + " and " + work.resolve("bench.html"));
        }
        if (options.jfr()) { // the recordings are written as the services stop, at the end of the block above
            System.out.println();
            System.out.print(JfrSummary.summariseAll(work.resolve("suite"), 20));
            System.out.println("bench: flight recordings and jfr-summary.txt in " + work.resolve("suite"));
        }
    }

    /** The scenario's request; one that uses fixtures gets its own unused range, enough for the run. */
    private static Wrk.Request request(Scenarios scenarios, Scenario scenario, int seconds) {
        if (scenario.fixturesPerSecond() == 0) {
            return scenario.request();
        }
        return scenario.request().startingAt(scenarios.reserveFixtures(scenario.name(), (seconds + 1L) * scenario.fixturesPerSecond()));
    }

    private static Row row(Scenario scenario, int clients, Wrk.Result result, List<Ceiling> ceilings, List<Row> earlier) {
        if (scenario.ceiling() != null) {
            Kind kind = scenario.ceiling();
            Double ceiling = ceilings.stream().filter(each -> each.kind() == kind && each.clients() == clients)
                    .map(Ceiling::perSecond).findFirst().orElse(null);
            return new Row(scenario.name(), clients, result, kind.title, ceiling);
        }
        if (scenario.against() != null) {
            Double first = earlier.stream().filter(each -> each.scenario().equals(scenario.against()) && each.clients() == clients)
                    .map(each -> each.result().perSecond()).findFirst().orElse(null);
            return new Row(scenario.name(), clients, result, scenario.against() + " (HTTP)", first);
        }
        return new Row(scenario.name(), clients, result, null, null);
    }

    /** The executable's full path when it is on the PATH, else null. */
    static String onPath(String executable) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(directory, executable);
            if (java.nio.file.Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private Bench() {
    }
}
