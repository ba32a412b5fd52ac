package io.exactsuite.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the result of one {@code ./suite check} run as {@code report.json} (for machines) and
 * {@code report.html} (one self-contained page for people).
 *
 * <h2>report.json, schema version 1</h2>
 * Built field by field rather than serialised from records, so that renaming a Java field cannot change
 * the file. Fields appear in this order; times are seconds since the history started unless noted.
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "verdict": "PASS" | "FAIL",              // PASS iff every invariant passed
 *   "seed": 42,                              // replays the same schedule of operations and faults
 *   "profile": "short",
 *   "command": "./suite check --seed 42",
 *   "startedAt": "2025-01-31T12:00:00.000Z", // ISO-8601, UTC, ms precision
 *   "durationSeconds": 61.234,
 *   "operations": {
 *     "total": 1234,                         // equals the sum of all counts below, and of the timeline
 *     "byType": {                            // types sorted by name; all three outcomes always present
 *       "checkout": { "OK": 1000, "FAIL": 12, "UNKNOWN": 3 }
 *     }
 *   },
 *   "timeline": [                            // one bucket per second from 0 to the run's last second,
 *     { "second": 0, "OK": 20, "FAIL": 1, "UNKNOWN": 0 }  // by completion time; operations still
 *   ],                                       // in flight at the end count as UNKNOWN in the last bucket
 *   "faults": [                              // sorted by atSeconds
 *     { "kind": "replica-kill", "target": "order-service#2", "atSeconds": 12.5,
 *       "healedAtSeconds": 20.0,             // null for an instantaneous fault
 *       "detail": "SIGKILL" }
 *   ],
 *   "invariants": [                          // in the order the checker ran them
 *     { "name": "...", "description": "...", "status": "PASS" | "FAIL", "checked": 1234,
 *       "counterexamples": [ "..." ] }       // at most 20, then one "... and N more" line
 *   ]
 * }
 * }</pre>
 * Any change to the above bumps {@link #SCHEMA_VERSION}.
 */
public final class Report {

    public static final int SCHEMA_VERSION = 1;

    /**
     * Everything one run produced.
     *
     * @param endedAtMs when the run stopped, in ms since the history started
     */
    public record Run(long seed, String profile, String command, History history, List<FaultEvent> faults,
            List<InvariantResult> invariants, long endedAtMs) {

        public Run {
            Objects.requireNonNull(history, "history");
            faults = faults == null ? List.of() : List.copyOf(faults);
            invariants = invariants == null ? List.of() : List.copyOf(invariants);
        }

        public boolean passed() {
            return invariants.stream().allMatch(InvariantResult::passed);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ISO_UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Report() {
    }

    /** Writes report.json and report.html into {@code dir} (created if missing); returns the html path. */
    public static Path write(Path dir, Run run) {
        // One snapshot for both files, so they agree even if clients are still completing operations.
        Snapshot snapshot = Snapshot.of(run);
        try {
            Files.createDirectories(dir);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("report.json").toFile(), json(snapshot));
            Path html = dir.resolve("report.html");
            Files.writeString(html, html(snapshot), StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir, e);
        }
    }

    private record Snapshot(Run run, List<History.Op> ops, Map<String, Map<Outcome, Long>> counts,
            long[][] timeline, List<FaultEvent> faults) {

        static Snapshot of(Run run) {
            List<History.Op> ops = run.history().ops();
            List<FaultEvent> faults = new ArrayList<>(run.faults());
            faults.sort(Comparator.comparingLong(FaultEvent::atMs));
            return new Snapshot(run, ops, History.countByType(ops), Report.timeline(ops, run.endedAtMs()), faults);
        }

        long count(Outcome outcome) {
            return counts.values().stream().mapToLong(byOutcome -> byOutcome.get(outcome)).sum();
        }
    }

    /** counts[second][outcome.ordinal()] by completion time; in-flight operations land in the last second. */
    private static long[][] timeline(List<History.Op> ops, long endedAtMs) {
        // A run that ended at exactly 60 000 ms covers seconds 0..59, not 0..60.
        long lastSecond = Math.max(0, endedAtMs - 1) / 1000;
        for (History.Op op : ops) {
            lastSecond = Math.max(lastSecond, (op.inFlight() ? op.invokedAtMs() : op.completedAtMs()) / 1000);
        }
        long[][] counts = new long[Math.toIntExact(lastSecond + 1)][Outcome.values().length];
        for (History.Op op : ops) {
            int second = op.inFlight() ? (int) lastSecond : (int) (op.completedAtMs() / 1000);
            counts[second][op.outcomeOrUnknown().ordinal()]++;
        }
        return counts;
    }

    // ---------------------------------------------------------------- JSON

    private static ObjectNode json(Snapshot snapshot) {
        Run run = snapshot.run();
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("verdict", run.passed() ? "PASS" : "FAIL");
        root.put("seed", run.seed());
        root.put("profile", run.profile());
        root.put("command", run.command());
        root.put("startedAt", ISO_UTC_MILLIS.format(Instant.ofEpochMilli(run.history().startedAtEpochMs())));
        root.put("durationSeconds", seconds(run.endedAtMs()));

        ObjectNode operations = root.putObject("operations");
        operations.put("total", snapshot.ops().size());
        ObjectNode byType = operations.putObject("byType");
        snapshot.counts().forEach((type, byOutcome) -> {
            ObjectNode counts = byType.putObject(type);
            byOutcome.forEach((outcome, count) -> counts.put(outcome.name(), count));
        });

        ArrayNode timeline = root.putArray("timeline");
        long[][] buckets = snapshot.timeline();
        for (int second = 0; second < buckets.length; second++) {
            ObjectNode bucket = timeline.addObject().put("second", second);
            for (Outcome outcome : Outcome.values()) {
                bucket.put(outcome.name(), buckets[second][outcome.ordinal()]);
            }
        }

        ArrayNode faults = root.putArray("faults");
        for (FaultEvent fault : snapshot.faults()) {
            ObjectNode node = faults.addObject();
            node.put("kind", fault.kind());
            node.put("target", fault.target());
            node.put("atSeconds", seconds(fault.atMs()));
            if (fault.isInstantaneous()) {
                node.putNull("healedAtSeconds");
            } else {
                node.put("healedAtSeconds", seconds(fault.healedAtMs()));
            }
            node.put("detail", fault.detail());
        }

        ArrayNode invariants = root.putArray("invariants");
        for (InvariantResult invariant : run.invariants()) {
            ObjectNode node = invariants.addObject();
            node.put("name", invariant.name());
            node.put("description", invariant.description());
            node.put("status", invariant.passed() ? "PASS" : "FAIL");
            node.put("checked", invariant.checked());
            ArrayNode counterexamples = node.putArray("counterexamples");
            invariant.counterexamples().forEach(counterexamples::add);
        }
        return root;
    }

    private static double seconds(long ms) {
        return ms / 1000.0;
    }

    // ---------------------------------------------------------------- HTML

    // Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
    private static final String OK_COLOUR = "#009E73";
    private static final String FAIL_COLOUR = "#D55E00";
    private static final String UNKNOWN_COLOUR = "#0072B2";
    private static final String FAULT_COLOUR = "#7B3294";

    private static String colour(Outcome outcome) {
        return switch (outcome) {
            case OK -> OK_COLOUR;
            case FAIL -> FAIL_COLOUR;
            case UNKNOWN -> UNKNOWN_COLOUR;
        };
    }

    private static String html(Snapshot snapshot) {
        Run run = snapshot.run();
        long passedCount = run.invariants().stream().filter(InvariantResult::passed).count();
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(run.passed() ? "PASS" : "FAIL").append(" — consistency check, seed ")
                .append(run.seed()).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");

        out.append("<div class=\"banner ").append(run.passed() ? "pass" : "fail").append("\">")
                .append(run.passed() ? "PASS" : "FAIL").append("<span>").append(passedCount).append(" of ")
                .append(run.invariants().size()).append(" invariants held</span></div>\n");

        out.append("<dl class=\"meta\">")
                .append("<dt>Seed</dt><dd><code>").append(run.seed()).append("</code></dd>")
                .append("<dt>Profile</dt><dd>").append(esc(run.profile())).append("</dd>")
                .append("<dt>Command</dt><dd><code>").append(esc(run.command())).append("</code></dd>")
                .append("<dt>Started</dt><dd>")
                .append(esc(ISO_UTC_MILLIS.format(Instant.ofEpochMilli(run.history().startedAtEpochMs()))))
                .append("</dd>")
                .append("<dt>Duration</dt><dd>").append(fmt(seconds(run.endedAtMs()), 1)).append(" s</dd>")
                .append("<dt>Operations</dt><dd>").append(snapshot.ops().size()).append(" (")
                .append(snapshot.count(Outcome.OK)).append(" OK, ").append(snapshot.count(Outcome.FAIL))
                .append(" FAIL, ").append(snapshot.count(Outcome.UNKNOWN)).append(" UNKNOWN)</dd>")
                .append("<dt>Faults</dt><dd>").append(snapshot.faults().size()).append("</dd>")
                .append("</dl>\n");

        out.append("<h2>Timeline</h2>\n");
        chart(out, snapshot);

        operationsTable(out, snapshot);
        faultsTable(out, snapshot);
        invariantsTable(out, run);
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private static final String CSS = """
            body { margin: 0; background: #fafafa; color: #222;
                   font: 14px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
            main { max-width: 980px; margin: 0 auto; padding: 16px; }
            h2 { font-size: 18px; margin: 28px 0 8px; }
            code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; overflow-wrap: anywhere; }
            .banner { color: #fff; font-size: 28px; font-weight: 700; padding: 14px 20px; border-radius: 6px; }
            .banner span { font-size: 15px; font-weight: 400; margin-left: 16px; }
            .banner.pass { background: #1b7f3b; }
            .banner.fail { background: #b3261e; }
            .meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 16px 0; }
            .meta dt { font-weight: 600; color: #555; }
            .meta dd { margin: 0; }
            svg { display: block; width: 100%; height: auto; background: #fff; border: 1px solid #ddd; border-radius: 4px; }
            table { border-collapse: collapse; width: 100%; background: #fff; }
            th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: #f0f0f0; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            tfoot td { font-weight: 600; }
            .status { font-weight: 700; }
            .status.pass { color: #1b7f3b; }
            .status.fail { color: #b3261e; }
            ul.cex { margin: 4px 0 0; padding-left: 18px; font-family: ui-monospace, Menlo, Consolas, monospace;
                     font-size: 12px; overflow-wrap: anywhere; }
            .muted { color: #777; }
            """;

    // Chart geometry, in SVG user units (the SVG scales to the page width).
    private static final int WIDTH = 960;
    private static final int HEIGHT = 360;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 36;
    private static final int BOTTOM = 48;
    private static final int MAX_BARS = 240;
    private static final int LABEL_ROWS = 3;

    private static void chart(StringBuilder out, Snapshot snapshot) {
        long[][] buckets = snapshot.timeline();
        int seconds = buckets.length;
        // Long runs are binned so each bar stays a few pixels wide; heights stay per-second rates.
        int binSeconds = Math.max(1, (seconds + MAX_BARS - 1) / MAX_BARS);
        int bins = (seconds + binSeconds - 1) / binSeconds;
        double[][] rates = new double[bins][Outcome.values().length];
        double maxRate = 0;
        for (int bin = 0; bin < bins; bin++) {
            double binRate = 0; // operations per second in this bar (chart geometry, not money)
            for (Outcome outcome : Outcome.values()) {
                long sum = 0;
                for (int s = bin * binSeconds; s < Math.min(seconds, (bin + 1) * binSeconds); s++) {
                    sum += buckets[s][outcome.ordinal()];
                }
                rates[bin][outcome.ordinal()] = (double) sum / binSeconds;
                binRate += rates[bin][outcome.ordinal()];
            }
            maxRate = Math.max(maxRate, binRate);
        }
        double xMax = (double) bins * binSeconds;
        // Per-second counts are whole numbers, so fractional ticks would only appear for averaged bins.
        double yStep = Math.max(niceStep(Math.max(maxRate, 1), 5), binSeconds == 1 ? 1 : 0);
        double yMax = Math.max(yStep, Math.ceil(maxRate / yStep) * yStep);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double bottom = TOP + plotHeight;

        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Operations per second by outcome, with fault intervals\"")
                .append(" font-family=\"-apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif\" font-size=\"11\">\n");

        // Grid and y axis.
        for (int tick = 0; tick * yStep <= yMax + yStep / 2; tick++) {
            double y = tick * yStep;
            double py = bottom - y / yMax * plotHeight;
            out.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotWidth).append("\" y1=\"")
                    .append(fmt(py, 1)).append("\" y2=\"").append(fmt(py, 1)).append("\" stroke=\"#e6e6e6\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(py + 4, 1))
                    .append("\" text-anchor=\"end\" fill=\"#555\">").append(trim(y)).append("</text>\n");
        }
        out.append("<text transform=\"translate(16 ").append(fmt(TOP + plotHeight / 2, 1))
                .append(") rotate(-90)\" text-anchor=\"middle\" fill=\"#333\">operations/s</text>\n");

        // X axis.
        double xStep = Math.max(1, niceStep(xMax, 10));
        for (int tick = 0; tick * xStep <= xMax + 1e-9; tick++) {
            double x = tick * xStep;
            double px = LEFT + x / xMax * plotWidth;
            out.append("<line x1=\"").append(fmt(px, 1)).append("\" x2=\"").append(fmt(px, 1)).append("\" y1=\"")
                    .append(fmt(bottom, 1)).append("\" y2=\"").append(fmt(bottom + 4, 1)).append("\" stroke=\"#555\"/>")
                    .append("<text x=\"").append(fmt(px, 1)).append("\" y=\"").append(fmt(bottom + 16, 1))
                    .append("\" text-anchor=\"middle\" fill=\"#555\">").append(trim(x)).append("</text>\n");
        }
        out.append("<text x=\"").append(fmt(LEFT + plotWidth / 2, 1)).append("\" y=\"").append(HEIGHT - 8)
                .append("\" text-anchor=\"middle\" fill=\"#333\">seconds since start")
                .append(binSeconds > 1 ? " (bars of " + binSeconds + " s, averaged)" : "").append("</text>\n");

        // Stacked bars: OK at the bottom, then FAIL, then UNKNOWN.
        double barWidth = plotWidth / bins;
        double gap = barWidth > 4 ? 1 : 0;
        for (int bin = 0; bin < bins; bin++) {
            double y = bottom;
            for (Outcome outcome : Outcome.values()) {
                double rate = rates[bin][outcome.ordinal()];
                if (rate <= 0) {
                    continue;
                }
                double h = rate / yMax * plotHeight;
                y -= h;
                out.append("<rect x=\"").append(fmt(LEFT + bin * barWidth + gap / 2, 2)).append("\" y=\"")
                        .append(fmt(y, 2)).append("\" width=\"").append(fmt(barWidth - gap, 2)).append("\" height=\"")
                        .append(fmt(h, 2)).append("\" fill=\"").append(colour(outcome)).append("\"><title>")
                        .append(bin * binSeconds).append(binSeconds > 1 ? "–" + ((bin + 1) * binSeconds) : "")
                        .append(" s: ").append(trim(rate)).append(' ').append(outcome).append("/s</title></rect>\n");
            }
        }

        // Faults over the bars, translucent so the bars stay readable; labels staggered over a few rows.
        double[] labelRowEnds = new double[LABEL_ROWS];
        Arrays.fill(labelRowEnds, Double.NEGATIVE_INFINITY);
        for (FaultEvent fault : snapshot.faults()) {
            double x1 = LEFT + clamp(seconds(fault.atMs()) / xMax, 0, 1) * plotWidth;
            String tooltip = fault.kind() + " → " + Objects.toString(fault.target(), "?") + " at "
                    + fmt(seconds(fault.atMs()), 1) + " s"
                    + (fault.isInstantaneous() ? "" : ", healed at " + fmt(seconds(fault.healedAtMs()), 1) + " s")
                    + (fault.detail() == null ? "" : ": " + fault.detail());
            if (fault.isInstantaneous()) {
                out.append("<line x1=\"").append(fmt(x1, 2)).append("\" x2=\"").append(fmt(x1, 2)).append("\" y1=\"")
                        .append(TOP).append("\" y2=\"").append(fmt(bottom, 1)).append("\" stroke=\"").append(FAULT_COLOUR)
                        .append("\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"><title>").append(esc(tooltip))
                        .append("</title></line>\n");
            } else {
                double x2 = LEFT + clamp(seconds(fault.healedAtMs()) / xMax, 0, 1) * plotWidth;
                out.append("<rect x=\"").append(fmt(x1, 2)).append("\" y=\"").append(TOP).append("\" width=\"")
                        .append(fmt(Math.max(1, x2 - x1), 2)).append("\" height=\"").append(fmt(plotHeight, 1))
                        .append("\" fill=\"").append(FAULT_COLOUR).append("\" fill-opacity=\"0.13\" stroke=\"")
                        .append(FAULT_COLOUR).append("\" stroke-opacity=\"0.5\"><title>").append(esc(tooltip))
                        .append("</title></rect>\n");
            }
            double labelX = x1 + 3;
            double labelWidth = fault.kind().length() * 6.2;
            int row = 0;
            for (int r = 0; r < LABEL_ROWS; r++) {
                if (labelRowEnds[r] + 4 <= labelX) {
                    row = r;
                    break;
                }
                if (labelRowEnds[r] < labelRowEnds[row]) {
                    row = r;
                }
            }
            labelRowEnds[row] = labelX + labelWidth;
            // Keep labels near the right edge inside the plot.
            boolean flip = labelX + labelWidth > LEFT + plotWidth;
            out.append("<text x=\"").append(fmt(flip ? x1 - 3 : labelX, 1)).append("\" y=\"")
                    .append(TOP + 12 + row * 13).append("\"").append(flip ? " text-anchor=\"end\"" : "")
                    .append(" fill=\"").append(FAULT_COLOUR)
                    .append("\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">").append(esc(fault.kind()))
                    .append("</text>\n");
        }

        // Plot frame last so bands and bars do not cover the axes.
        out.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(fmt(plotWidth, 1))
                .append("\" height=\"").append(fmt(plotHeight, 1)).append("\" fill=\"none\" stroke=\"#999\"/>\n");

        // Legend above the plot.
        double lx = LEFT;
        for (Outcome outcome : Outcome.values()) {
            out.append("<rect x=\"").append(fmt(lx, 1)).append("\" y=\"12\" width=\"12\" height=\"12\" fill=\"")
                    .append(colour(outcome)).append("\"/><text x=\"").append(fmt(lx + 16, 1)).append("\" y=\"22\" fill=\"#333\">")
                    .append(outcome).append("</text>\n");
            lx += 34 + outcome.name().length() * 7;
        }
        out.append("<rect x=\"").append(fmt(lx, 1)).append("\" y=\"12\" width=\"12\" height=\"12\" fill=\"").append(FAULT_COLOUR)
                .append("\" fill-opacity=\"0.13\" stroke=\"").append(FAULT_COLOUR).append("\" stroke-opacity=\"0.5\"/>")
                .append("<text x=\"").append(fmt(lx + 16, 1)).append("\" y=\"22\" fill=\"#333\">fault interval</text>\n");
        lx += 110;
        out.append("<line x1=\"").append(fmt(lx + 6, 1)).append("\" x2=\"").append(fmt(lx + 6, 1))
                .append("\" y1=\"11\" y2=\"25\" stroke=\"").append(FAULT_COLOUR)
                .append("\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"/><text x=\"").append(fmt(lx + 16, 1))
                .append("\" y=\"22\" fill=\"#333\">instantaneous fault</text>\n");
        out.append("</svg>\n");
    }

    private static void operationsTable(StringBuilder out, Snapshot snapshot) {
        out.append("<h2>Operations</h2>\n<table>\n<thead><tr><th>Type</th>");
        for (Outcome outcome : Outcome.values()) {
            out.append("<th class=\"num\">").append(outcome).append("</th>");
        }
        out.append("<th class=\"num\">Total</th></tr></thead>\n<tbody>\n");
        snapshot.counts().forEach((type, byOutcome) -> {
            out.append("<tr><td>").append(esc(type)).append("</td>");
            long total = 0;
            for (Outcome outcome : Outcome.values()) {
                out.append("<td class=\"num\">").append(byOutcome.get(outcome)).append("</td>");
                total += byOutcome.get(outcome);
            }
            out.append("<td class=\"num\">").append(total).append("</td></tr>\n");
        });
        out.append("</tbody>\n<tfoot><tr><td>All</td>");
        for (Outcome outcome : Outcome.values()) {
            out.append("<td class=\"num\">").append(snapshot.count(outcome)).append("</td>");
        }
        out.append("<td class=\"num\">").append(snapshot.ops().size()).append("</td></tr></tfoot>\n</table>\n")
                .append("<p class=\"muted\">OK: acknowledged. FAIL: definitely no effect (4xx). ")
                .append("UNKNOWN: may or may not have taken effect (timeout, 5xx, connection cut, never completed).</p>\n");
    }

    private static void faultsTable(StringBuilder out, Snapshot snapshot) {
        out.append("<h2>Faults</h2>\n");
        if (snapshot.faults().isEmpty()) {
            out.append("<p class=\"muted\">No faults were injected.</p>\n");
            return;
        }
        out.append("<table>\n<thead><tr><th class=\"num\">#</th><th>Kind</th><th>Target</th><th class=\"num\">At (s)</th>")
                .append("<th class=\"num\">Healed at (s)</th><th class=\"num\">Duration (s)</th><th>Detail</th></tr></thead>\n<tbody>\n");
        int n = 1;
        for (FaultEvent fault : snapshot.faults()) {
            out.append("<tr><td class=\"num\">").append(n++).append("</td><td>").append(esc(fault.kind()))
                    .append("</td><td>").append(esc(fault.target())).append("</td><td class=\"num\">")
                    .append(fmt(seconds(fault.atMs()), 3)).append("</td>");
            if (fault.isInstantaneous()) {
                out.append("<td class=\"num muted\">instantaneous</td><td class=\"num\">—</td>");
            } else {
                out.append("<td class=\"num\">").append(fmt(seconds(fault.healedAtMs()), 3))
                        .append("</td><td class=\"num\">").append(fmt(seconds(fault.healedAtMs() - fault.atMs()), 3))
                        .append("</td>");
            }
            out.append("<td>").append(esc(fault.detail())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static void invariantsTable(StringBuilder out, Run run) {
        out.append("<h2>Invariants</h2>\n");
        if (run.invariants().isEmpty()) {
            out.append("<p class=\"muted\">No invariants were checked.</p>\n");
            return;
        }
        out.append("<table>\n<thead><tr><th>Invariant</th><th>Status</th><th class=\"num\">Checked</th>")
                .append("<th>Counterexamples</th></tr></thead>\n<tbody>\n");
        for (InvariantResult invariant : run.invariants()) {
            String status = invariant.passed() ? "pass" : "fail";
            out.append("<tr><td><strong>").append(esc(invariant.name())).append("</strong><br><span class=\"muted\">")
                    .append(esc(invariant.description())).append("</span></td><td class=\"status ").append(status)
                    .append("\">").append(status.toUpperCase(Locale.ROOT)).append("</td><td class=\"num\">")
                    .append(invariant.checked()).append("</td><td>");
            if (invariant.counterexamples().isEmpty()) {
                out.append("<span class=\"muted\">—</span>");
            } else {
                out.append("<ul class=\"cex\">");
                for (String counterexample : invariant.counterexamples()) {
                    out.append("<li>").append(esc(counterexample)).append("</li>");
                }
                out.append("</ul>");
            }
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** Escapes for HTML text and attribute values alike; null becomes empty. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Locale.ROOT: a decimal comma would break SVG coordinates. */
    private static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Axis labels: "5", "2.5", "0.25", without trailing zeros. */
    private static String trim(double value) {
        String text = fmt(value, 2);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /** 1, 2 or 5 times a power of ten, giving about {@code targetTicks} ticks over {@code range}. */
    private static double niceStep(double range, int targetTicks) {
        double raw = range / targetTicks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double normalised = raw / magnitude;
        double nice = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
