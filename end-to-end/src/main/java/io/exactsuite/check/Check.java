package io.exactsuite.check;

import io.exactsuite.check.Cluster.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./suite check}: starts the suite with two replicas of every service, runs the {@link Workload}
 * while a seeded schedule injects faults, lets the suite settle, and judges the {@link Invariants}.
 * Writes report.json and report.html; exits 0 only when every invariant holds.
 *
 * <pre>
 *   --seconds N    how long the workload runs (short profile 60, long 1800)
 *   --ops N        operations (short 4000, long 100000); the short profile stops at --seconds or --ops,
 *                  whichever comes first, the long one only when both are reached (at most 3 x --seconds)
 *   --seed S       the workload's choices and the fault schedule (default: random, printed)
 *   --faults LIST  kill,pg,cut,dbcut,delay,chaos, or none (default: all)
 *   --mutant NAME  run every replica with a mutant (a weakened build; the check must then fail)
 *   --targets L    check a suite already running: voting=URL,points=URL,order=URL,payment=URL,gateway=URL
 *                  (omitted ones: ./suite's ports); only the chaos fault is available there
 *   --workers N    concurrent clients (short 16, long 32)
 *   --report DIR   where report.json and report.html go (default .data/check)
 *   --profile P    short | long: sets the defaults above
 * </pre>
 *
 * The same seed replays the same workload choices and fault schedule; thread interleavings, and so the
 * exact history, still differ between runs.
 */
public final class Check {

    static final List<String> ALL_FAULTS = List.of("kill", "pg", "cut", "dbcut", "delay", "chaos");

    record Options(int seconds, long ops, long seed, List<String> faults, int workers, Path report, String profile,
            Path repository, String command, String mutant, String targets) {

        /**
         * Whether the workload is done after {@code seconds} with {@code operations} invoked: the short profile
         * stops at whichever limit comes first; the long one needs both (however fast the machine), within 3 x seconds.
         */
        boolean done(long seconds, long operations) {
            if (profile.equals("long")) {
                return seconds >= seconds() && operations >= ops() || seconds >= 3L * seconds();
            }
            return seconds >= seconds() || operations >= ops();
        }

        static Options parse(String[] args, Path repository) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("usage: ./suite check [--profile short|long] [--seconds N] [--ops N]"
                            + " [--seed S] [--faults kill,pg,cut,dbcut,delay,chaos|none] [--workers N] [--report DIR] [--mutant NAME]"
                            + " [--targets voting=URL,points=URL,order=URL,payment=URL,gateway=URL]");
                }
                given.put(args[i].substring(2), args[++i]);
            }
            String profile = given.getOrDefault("profile", "short");
            boolean longRun = profile.equals("long");
            if (!longRun && !profile.equals("short")) {
                throw new IllegalArgumentException("--profile is short or long, not " + profile);
            }
            List<String> available = given.containsKey("targets") ? List.of("chaos") : ALL_FAULTS;
            List<String> faults = !given.containsKey("faults") ? available
                    : given.get("faults").equals("none") ? List.of() : List.of(given.get("faults").split(","));
            if (given.containsKey("targets") && given.containsKey("mutant")) {
                throw new IllegalArgumentException("--mutant needs the suite the checker starts itself (no --targets)");
            }
            for (String fault : faults) {
                if (!available.contains(fault)) {
                    throw new IllegalArgumentException("fault " + fault + " is not available here; available: " + available
                            + (given.containsKey("targets") ? " (a running suite at --targets: the checker owns no process there)" : ""));
                }
            }
            return new Options(Integer.parseInt(given.getOrDefault("seconds", longRun ? "1800" : "60")),
                    Long.parseLong(given.getOrDefault("ops", longRun ? "100000" : "4000")),
                    Long.parseLong(given.getOrDefault("seed", Long.toString(new Random().nextLong() & 0xffffffffL))), faults,
                    Integer.parseInt(given.getOrDefault("workers", longRun ? "32" : "16")),
                    Path.of(given.getOrDefault("report", repository.resolve(".data/check").toString())), profile, repository,
                    "./suite check " + String.join(" ", args), given.get("mutant"), given.get("targets"));
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
        boolean passed = run(options);
        System.exit(passed ? 0 : 1);
    }

    /** One check; true when every invariant held. */
    public static boolean run(Options options) {
        System.out.printf("check: profile %s, seed %d, faults %s, %d s %s %d operations, %d clients%n", options.profile(),
                options.seed(), options.faults(), options.seconds(), options.profile().equals("long") ? "and" : "or", options.ops(),
                options.workers());
        System.out.println(options.targets() != null ? "check: checking the suite running at " + options.targets()
                : "check: starting 2 replicas of each service (logs in " + options.report().resolve("cluster") + ")");
        if (options.mutant() != null) {
            System.out.println("check: every replica runs MUTANT " + options.mutant() + " (profile mutant): the check must FAIL");
        }
        try (Target cluster = options.targets() != null ? new RunningSuite(options.targets())
                : new Cluster(options.report().resolve("cluster"), options.repository(), options.mutant())) {
            History history = new History();
            Workload workload = new Workload(cluster, history);
            workload.setUp();
            List<FaultEvent> faults = new CopyOnWriteArrayList<>();
            Faults injector = new Faults(cluster, history, faults, options);
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
            progress.scheduleAtFixedRate(() -> System.out.println("check: " + progressLine(history, injector.injected())), 5, 5,
                    TimeUnit.SECONDS);
            injector.start();
            long started = System.nanoTime();
            try {
                workload.run(options.workers(), options.seed(), () -> options.done(
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), history.invoked()));
            } finally {
                injector.stopAndHeal();
                progress.shutdownNow();
            }
            System.out.println("check: workload done (" + progressLine(history, injector.injected())
                    + "); faults healed; waiting for the suite to settle");
            Invariants invariants = new Invariants(cluster, workload);
            boolean quiet = invariants.awaitQuiet(TimeUnit.SECONDS.toMillis(120));
            List<InvariantResult> results = new ArrayList<>(invariants.check());
            if (!quiet) {
                results.add(InvariantResult.fail("settles", "the suite settles within 120 s once faults stop", 1,
                        List.of("orders still mid-change or payment events still pending after 120 s")));
            } else {
                results.add(InvariantResult.pass("settles", "the suite settles within 120 s once faults stop", 1));
            }
            Report.Run run = new Report.Run(options.seed(), options.profile(), options.command(), history,
                    List.copyOf(faults), results, history.elapsedMs());
            Path html = Report.write(options.report(), run);
            for (InvariantResult result : results) {
                System.out.printf("check: %-34s %s%s%n", result.name(), result.passed() ? "PASS" : "FAIL",
                        result.passed() ? "" : "  e.g. " + result.counterexamples().get(0));
            }
            System.out.println("check: " + (run.passed() ? "PASS" : "FAIL") + " (seed " + options.seed() + "); report: " + html);
            return run.passed();
        }
    }

    private static String progressLine(History history, int faults) {
        Map<String, Map<Outcome, Long>> counts = history.countsByType();
        long ok = 0;
        long fail = 0;
        long unknown = 0;
        for (Map<Outcome, Long> byOutcome : counts.values()) {
            ok += byOutcome.getOrDefault(Outcome.OK, 0L);
            fail += byOutcome.getOrDefault(Outcome.FAIL, 0L);
            unknown += byOutcome.getOrDefault(Outcome.UNKNOWN, 0L);
        }
        return String.format("t=%ds ops=%d ok=%d fail=%d unknown=%d faults=%d", history.elapsedMs() / 1000, ok + fail + unknown,
                ok, fail, unknown, faults);
    }

    /** The seeded fault schedule: every fault class in a shuffled round, again and again, one every few seconds. */
    static final class Faults {

        private final Target cluster;
        private final History history;
        private final List<FaultEvent> faults;
        private final Options options;
        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        /** Repairs (a replica's restart takes seconds) run apart from the schedule, so it keeps its pace. */
        private final ScheduledExecutorService repairs = Executors.newScheduledThreadPool(4);
        private volatile int injected;
        private final Random random;
        private final List<Runnable> healing = new CopyOnWriteArrayList<>();
        private List<String> round = List.of();

        Faults(Target cluster, History history, List<FaultEvent> faults, Options options) {
            this.cluster = cluster;
            this.history = history;
            this.faults = faults;
            this.options = options;
            this.random = new Random(options.seed() ^ 0x5DEECE66DL);
        }

        void start() {
            if (options.faults().isEmpty()) {
                return;
            }
            long every = Math.max(3, Math.min(8, options.seconds() / (options.faults().size() * 2L)));
            scheduler.scheduleWithFixedDelay(this::injectNext, every, every, TimeUnit.SECONDS);
        }

        private void injectNext() {
            try {
                if (round.isEmpty()) {
                    List<String> next = new ArrayList<>(options.faults());
                    Collections.shuffle(next, random);
                    round = next;
                }
                String kind = round.get(0);
                round = round.subList(1, round.size());
                injected++;
                inject(kind, Service.values()[random.nextInt(Service.values().length)], random.nextInt(Cluster.REPLICAS));
            } catch (RuntimeException e) {
                System.out.println("check: a fault could not be injected: " + e);
            }
        }

        private void inject(String kind, Service service, int replica) {
            long at = history.elapsedMs();
            switch (kind) {
                case "kill" -> {
                    cluster.killReplica(service, replica);
                    heal(kind, service.module + "-" + replica, at, "SIGKILL, restarted 3 s later",
                            () -> cluster.restartReplica(service, replica), 3);
                }
                case "pg" -> {
                    // The restart is scheduled whatever the crash did: a database must never stay down by accident.
                    heal(kind, service.module + " PostgreSQL", at, "immediate shutdown (SIGQUIT), restarted 2 s later",
                            () -> cluster.restartDatabase(service), 2);
                    cluster.crashDatabase(service);
                }
                case "cut" -> faults.add(new FaultEvent(kind, service.module, at, -1,
                        cluster.cutConnections(service) + " connections to its replicas reset"));
                case "dbcut" -> faults.add(new FaultEvent(kind, service.module + " PostgreSQL", at, -1,
                        cluster.cutDatabaseConnections(service) + " database connections reset"));
                case "delay" -> {
                    cluster.delayConnections(service, 400);
                    heal(kind, service.module, at, "+400 ms per chunk for 4 s", () -> cluster.delayConnections(service, 0), 4);
                }
                case "chaos" -> {
                    // Either webhooks come late, thrice and out of order, or not at all: then only a voter's verify,
                    // payment-service's gateway sweep and order-service's reconciliation find what was paid.
                    boolean lose = random.nextBoolean();
                    Api.Answer switched = Api.put(cluster.gatewayUrl() + "/chaos", cluster.gatewayKey(), "{\"duplicateWebhooks\":3,\"webhookDelayMs\":300,"
                            + "\"loseWebhooks\":" + lose + ",\"reverseOrder\":true,\"declineAll\":false,\"apiDelayMs\":200,"
                            + "\"failThenSucceed\":true,\"failThenSucceedDelayMs\":800,\"refunds\":\"pending\",\"refundPendingMs\":800}");
                    if (switched.outcome() != Outcome.OK) {
                        throw new IllegalStateException("the gateway refused its chaos switches: " + switched.describe());
                    }
                    heal(kind, "gateway-simulator", at, (lose ? "lost webhooks" : "duplicate x3, delayed, reordered webhooks")
                            + "; slow API; fail-then-succeed payments; pending refunds; for 5 s",
                            () -> Api.post(cluster.gatewayUrl() + "/chaos/reset", cluster.gatewayKey(), null, null), 5);
                }
                default -> throw new IllegalArgumentException(kind);
            }
        }

        private void heal(String kind, String target, long at, String detail, Runnable cure, long afterSeconds) {
            Runnable once = new Runnable() {
                private boolean done;

                @Override
                public synchronized void run() {
                    if (done) {
                        return;
                    }
                    done = true;
                    String outcome = detail;
                    try {
                        cure.run();
                    } catch (RuntimeException e) {
                        outcome = detail + " (repair failed: " + e.getMessage() + ")";
                    }
                    faults.add(new FaultEvent(kind, target, at, history.elapsedMs(), outcome));
                }
            };
            healing.add(once);
            repairs.schedule(once, afterSeconds, TimeUnit.SECONDS);
        }

        int injected() {
            return injected;
        }

        /** No new faults; whatever is still broken is repaired now, and every repair has finished. */
        void stopAndHeal() {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(60, TimeUnit.SECONDS);
                healing.forEach(Runnable::run);
                repairs.shutdown();
                repairs.awaitTermination(300, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
