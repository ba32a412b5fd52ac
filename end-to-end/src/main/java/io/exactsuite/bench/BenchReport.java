package io.exactsuite.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exactsuite.bench.Bench.Options;
import io.exactsuite.bench.Bench.Row;
import io.exactsuite.bench.BenchSuite.Service;
import io.exactsuite.bench.Ceilings.Ceiling;
import io.exactsuite.bench.Ceilings.Kind;
import io.exactsuite.bench.Scenarios.FlowResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The run as a person reads it: one table of HTTP figures against their ceilings, the targets, bench.json, bench.html. */
final class BenchReport {

    /** A target from the issue, judged on this run's own figures. */
    record Target(String name, String measured, String goal, Boolean met) {
    }

    private final Options options;
    private final List<Ceiling> ceilings;
    private final List<Row> rows;
    private final FlowResult flow;
    private final Map<Service, Long> ready;
    private final Map<Service, Long> idle;
    private final Map<Service, Long> loaded;
    private final Map<Service, BenchSuite.StartAlone> alone;

    /**
     * @param ready each service's time to ready as the suite started, one after another, cold
     * @param alone each one's start on its own from its class-data archive, with its idle RSS then
     */
    BenchReport(Options options, List<Ceiling> ceilings, List<Row> rows, FlowResult flow, Map<Service, Long> ready,
            Map<Service, Long> idle, Map<Service, Long> loaded, Map<Service, BenchSuite.StartAlone> alone) {
        this.options = options;
        this.ceilings = ceilings;
        this.rows = rows;
        this.flow = flow;
        this.ready = ready;
        this.idle = idle;
        this.loaded = loaded;
        this.alone = alone;
    }

    static String line(Row row) {
        Wrk.Result result = row.result();
        return String.format(Locale.ROOT, "%-24s %3d %9.0f/s %8.1f %8.1f %8.1f %6.2f%%  %-28s %s", row.scenario(), row.clients(),
                result.perSecond(), result.p50(), result.p99(), result.p999(), 100 * result.errorRate(),
                row.ceilingName() == null ? "-" : row.ceilingName() + (row.ceiling() == null ? "" : String.format(Locale.ROOT,
                        " %,.0f/s", row.ceiling())),
                row.ratio() == null ? "-" : String.format(Locale.ROOT, "%.3f×", row.ratio()));
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-24s %3s %11s %8s %8s %8s %7s  %-28s %s%n", "scenario", "c", "throughput",
                "p50 ms", "p99 ms", "p99.9 ms", "errors", "read against (same run)", "ratio"));
        rows.forEach(row -> out.append(line(row)).append('\n'));
        if (flow != null) {
            Double hot = ceiling(Kind.HOT_ROW, 16);
            out.append(String.format(Locale.ROOT, "%-24s %3d %9.0f/s %8s %8s %8s %7s  %-28s %s%n", "paid-vote-flow", 16,
                    flow.perSecond(), "-", "-", "-", flow.exact() ? "exact" : "INEXACT",
                    hot == null ? "-" : String.format(Locale.ROOT, "hot-row increment %,.0f/s", hot),
                    hot == null ? "-" : String.format(Locale.ROOT, "%.3f×", flow.perSecond() / hot)));
        }
        out.append('\n').append(String.format(Locale.ROOT, "%-18s %9s %14s %13s %10s %12s%n", "service", "ready ms",
                "alone, cold ms", "alone, CDS ms", "RSS idle", "RSS loaded"));
        ready.forEach((service, ms) -> out.append(String.format(Locale.ROOT, "%-18s %9d %14s %13s %6d MiB %8d MiB%n",
                service.module, ms, alone.containsKey(service) ? alone.get(service).recordingMillis() : "-",
                alone.containsKey(service) ? alone.get(service).warmMillis() : "-", idle(service),
                loaded.getOrDefault(service, -1L))));
        out.append('\n').append(String.format(Locale.ROOT, "%-58s %-22s %-14s %s%n", "target", "measured", "goal", "met"));
        targets().forEach(target -> out.append(String.format(Locale.ROOT, "%-58s %-22s %-14s %s%n", target.name(), target.measured(),
                target.goal(), target.met() == null ? "not measured" : target.met() ? "yes" : "NO")));
        return out.toString();
    }

    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        targets.add(ratioTarget("credits-hot (16) over HTTP >= 2x single-row ceiling", perSecond("credits-hot", 16),
                ceiling(Kind.HOT_ROW, 16), 2.0));
        targets.add(ratioTarget("whole paid-vote flow >= 1x single-row ceiling", flow == null ? null : flow.perSecond(),
                ceiling(Kind.HOT_ROW, 16), 1.0));
        targets.add(ratioTarget("checkout-hot (16) >= 0.5x hot-row ceiling", perSecond("checkout-hot", 16),
                ceiling(Kind.HOT_ROW, 16), 0.5));
        targets.add(ratioTarget("vote-purchase (16) >= 0.1x append ceiling", perSecond("vote-purchase", 16),
                ceiling(Kind.APPEND, 16), 0.1));
        targets.add(ratioTarget("checkout-1000-products (16) >= 0.1x append ceiling", perSecond("checkout-1000-products", 16),
                ceiling(Kind.APPEND, 16), 0.1));
        targets.add(ratioTarget("checkout-replay (16) >= 3x checkout-hot", perSecond("checkout-replay", 16),
                perSecond("checkout-hot", 16), 3.0));
        rows.stream().filter(row -> row.clients() == 16 && isWrite(row.scenario())).forEach(row -> targets.add(new Target(
                row.scenario() + " (16) p99 < 50 ms", String.format(Locale.ROOT, "%.1f ms", row.result().p99()), "< 50 ms",
                row.result().p99() < 50)));
        ready.forEach((service, cold) -> {
            long ms = alone.containsKey(service) && alone.get(service).warmMillis() >= 0 ? alone.get(service).warmMillis() : cold;
            String how = alone.containsKey(service) && alone.get(service).warmMillis() >= 0 ? " (alone, CDS)" : " (cold)";
            targets.add(new Target(service.module + " ready < 3 s" + how, ms + " ms", "< 3000 ms", ms < 3000));
        });
        ready.keySet().forEach(service -> targets.add(new Target(service.module + " RSS idle < 250 MB", idle(service) + " MiB",
                "< 238 MiB", idle(service) >= 0 && idle(service) < 238)));
        return targets;
    }

    /** Idle RSS: of the JVM started alone from its archive where there is one, else as the suite started. */
    private long idle(Service service) {
        return alone.containsKey(service) ? alone.get(service).idleMib() : idle.getOrDefault(service, -1L);
    }

    private static boolean isWrite(String scenario) {
        return !scenario.endsWith("-read");
    }

    private static Target ratioTarget(String name, Double measured, Double against, double goal) {
        if (measured == null || against == null || against == 0) {
            return new Target(name, "-", ">= " + goal + "x", null);
        }
        double ratio = measured / against;
        return new Target(name, String.format(Locale.ROOT, "%.3fx (%.0f/%.0f)", ratio, measured, against), ">= " + goal + "x",
                ratio >= goal);
    }

    private Double perSecond(String scenario, int clients) {
        return rows.stream().filter(row -> row.scenario().equals(scenario) && row.clients() == clients)
                .map(row -> row.result().perSecond()).findFirst().orElse(null);
    }

    private Double ceiling(Kind kind, int clients) {
        return ceilings.stream().filter(each -> each.kind() == kind && each.clients() == clients).map(Ceiling::perSecond)
                .findFirst().orElse(null);
    }

    void write(Path directory) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("schema", 1);
        root.put("at", Instant.now().toString());
        root.put("secondsPerRun", options.seconds());
        root.put("warmupSeconds", options.warmup());
        ArrayNode ceilingsJson = root.putArray("ceilings");
        ceilings.forEach(each -> ceilingsJson.addObject().put("kind", each.kind().title).put("clients", each.clients())
                .put("perSecond", Math.round(each.perSecond())));
        ArrayNode rowsJson = root.putArray("http");
        rows.forEach(row -> {
            ObjectNode node = rowsJson.addObject().put("scenario", row.scenario()).put("clients", row.clients())
                    .put("requests", row.result().requests()).put("perSecond", Math.round(row.result().perSecond()))
                    .put("p50Ms", row.result().p50()).put("p99Ms", row.result().p99()).put("p999Ms", row.result().p999())
                    .put("errors", row.result().errors());
            Optional.ofNullable(row.ceilingName()).ifPresent(name -> node.put("readAgainst", name));
            Optional.ofNullable(row.ratio()).ifPresent(ratio -> node.put("ratio", Math.round(ratio * 1000) / 1000.0));
        });
        if (flow != null) {
            root.putObject("paidVoteFlow").put("purchases", flow.purchases()).put("seconds", Math.round(flow.seconds() * 10) / 10.0)
                    .put("votesPerSecond", Math.round(flow.perSecond())).put("credited", flow.credited()).put("exact", flow.exact());
        }
        ArrayNode services = root.putArray("services");
        ready.forEach((service, ms) -> {
            ObjectNode node = services.addObject().put("service", service.module).put("readyMs", ms)
                    .put("rssIdleMib", idle(service)).put("rssLoadedMib", loaded.getOrDefault(service, -1L));
            if (alone.containsKey(service)) {
                node.put("readyAloneColdMs", alone.get(service).recordingMillis())
                        .put("readyAloneCdsMs", alone.get(service).warmMillis());
            }
        });
        ArrayNode targetsJson = root.putArray("targets");
        targets().forEach(target -> {
            ObjectNode node = targetsJson.addObject().put("target", target.name()).put("measured", target.measured())
                    .put("goal", target.goal());
            if (target.met() != null) {
                node.put("met", target.met());
            }
        });
        try {
            Files.createDirectories(directory);
            json.writeValue(directory.resolve("bench.json").toFile(), root);
            Files.writeString(directory.resolve("bench.html"), html());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Self-contained: the table, and one bar per scenario at 16 clients showing its ratio to its ceiling. */
    private String html() {
        List<Row> at16 = rows.stream().filter(row -> row.clients() == 16 && row.ratio() != null).toList();
        double max = Math.max(1.0, at16.stream().mapToDouble(Row::ratio).max().orElse(1.0));
        int height = 30 * at16.size() + 40;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"" + height
                + "\" font-family=\"sans-serif\" font-size=\"12\">");
        int y = 20;
        for (Row row : at16) {
            int width = (int) Math.round(440 * row.ratio() / max);
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text><rect x=\"200\" y=\"%d\" width=\"%d\" height=\"18\""
                    + " fill=\"#4a7bd0\"/><text x=\"%d\" y=\"%d\">%.3f× %s</text>", y + 13, escape(row.scenario()), y, width,
                    205 + width, y + 13, row.ratio(), escape(row.ceilingName())));
            y += 30;
        }
        int one = 200 + (int) Math.round(440 / max);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#c33\" stroke-dasharray=\"4\"/>"
                + "<text x=\"%d\" y=\"%d\" fill=\"#c33\">1× its ceiling</text></svg>", one, one, y, one - 40, y + 15));
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>./suite bench</title></head><body>"
                + "<h1>./suite bench</h1><p>Throughput over HTTP at 16 clients as a ratio of the raw-SQL ceiling pgbench measured"
                + " on the same PostgreSQL in the same run.</p>" + svg + "<pre>" + escape(table()) + "</pre></body></html>";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
