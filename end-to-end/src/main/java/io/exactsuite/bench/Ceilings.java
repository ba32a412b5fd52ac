package io.exactsuite.bench;

import io.exactsuite.common.db.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PostgreSQL itself allows on this machine, measured with pgbench on the suite's own server in the same
 * run: the ceilings every HTTP figure is read against. Each is the bare SQL of one kind of write, with no
 * service, network hop or JSON around it.
 */
final class Ceilings {

    enum Kind {
        HOT_ROW("hot-row increment", "UPDATE bench_counter SET n = n + 1 WHERE id = 1;"),
        SPREAD("increment over 1,000 rows", "\\set id random(1, 1000)\nUPDATE bench_counter SET n = n + 1 WHERE id = :id;"),
        APPEND("append-only insert", "INSERT INTO bench_append (v) VALUES (1);"),
        GUARDED("guarded decrement", "UPDATE bench_stock SET n = n - 1 WHERE id = 1 AND n >= 1;"),
        LOCK_THEN_UPDATE("SELECT FOR UPDATE + update",
                "BEGIN;\nSELECT n FROM bench_counter WHERE id = 1 FOR UPDATE;\nUPDATE bench_counter SET n = n + 1 WHERE id = 1;\nEND;");

        final String title;
        final String script;

        Kind(String title, String script) {
            this.title = title;
            this.script = script;
        }
    }

    record Ceiling(Kind kind, int clients, double perSecond) {
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    /** Null when pgbench is not on the PATH: the caller says how to install it and goes on without ratios. */
    static String pgbench() {
        return Bench.onPath("pgbench");
    }

    static List<Ceiling> measure(BenchSuite suite, String pgbench, List<Integer> clients, int seconds, Path work) {
        suite.sql(BenchSuite.CEILING_DATABASE, "DROP TABLE IF EXISTS bench_counter, bench_append, bench_stock",
                "CREATE TABLE bench_counter (id INT PRIMARY KEY, n BIGINT NOT NULL)",
                "INSERT INTO bench_counter SELECT i, 0 FROM generate_series(1, 1000) i",
                "CREATE TABLE bench_append (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v INT NOT NULL,"
                        + " at TIMESTAMPTZ NOT NULL DEFAULT now())",
                "CREATE TABLE bench_stock (id INT PRIMARY KEY, n BIGINT NOT NULL)",
                "INSERT INTO bench_stock VALUES (1, 1000000000)");
        List<Ceiling> ceilings = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Path script = work.resolve("pgbench-" + kind.name().toLowerCase() + ".sql");
            try {
                Files.writeString(script, kind.script + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int count : clients) {
                double tps = run(suite, pgbench, script, count, seconds);
                ceilings.add(new Ceiling(kind, count, tps));
                System.out.printf("bench: ceiling %-28s %3d clients %,10.0f/s%n", kind.title, count, tps);
            }
        }
        return ceilings;
    }

    private static double run(BenchSuite suite, String pgbench, Path script, int clients, int seconds) {
        List<String> command = List.of(pgbench, "-h", "127.0.0.1", "-p", Integer.toString(suite.postgresPort()), "-U",
                EmbeddedDatabase.USERNAME, "-n", "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                "-T", Integer.toString(seconds), "-f", script.toString(), BenchSuite.CEILING_DATABASE);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pgbench failed: " + String.join(" ", command) + "\n" + output);
            }
            Matcher tps = TPS.matcher(output);
            if (!tps.find()) {
                throw new IllegalStateException("no tps in pgbench's output:\n" + output);
            }
            return Double.parseDouble(tps.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Ceilings() {
    }
}
