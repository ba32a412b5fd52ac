package io.exactsuite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a service's flight recording (from {@code ./suite bench --jfr}) says its CPU went on: the methods most
 * often on top of a sampled stack (self time), and the suite's own methods most often anywhere on it (total
 * time, each counted once per sample). Enough to know where to look; open the .jfr in JDK Mission Control
 * for the whole picture.
 */
final class JfrSummary {

    private static final String OWN_CODE = "io.exactsuite.";

    record Line(String method, long samples, double share) {
    }

    record Summary(long samples, List<Line> self, List<Line> ownTotal, List<Line> waits) {
    }

    /** Where threads sat waiting (above JFR's profile thresholds): the event type and the suite's innermost frame. */
    private static final Set<String> WAITS = Set.of("jdk.ThreadPark", "jdk.SocketRead", "jdk.JavaMonitorEnter",
            "jdk.JavaMonitorWait", "jdk.ThreadSleep");

    static Summary read(Path recording, int top) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> ownTotal = new HashMap<>();
        Map<String, Long> waitedMillis = new HashMap<>();
        long samples = 0;
        try {
            for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
                String type = event.getEventType().getName();
                if (WAITS.contains(type) && event.getStackTrace() != null) {
                    // idle pool threads wait outside the suite's code: only a wait on a request's or a job's path counts
                    event.getStackTrace().getFrames().stream().map(frame -> name(frame.getMethod()))
                            .filter(name -> name.startsWith(OWN_CODE)).findFirst()
                            .ifPresent(where -> waitedMillis.merge(type.substring(4) + " in " + where,
                                    event.getDuration().toMillis(), Long::sum));
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                samples++;
                self.merge(name(frames.get(0).getMethod()), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = name(frame.getMethod());
                    if (name.startsWith(OWN_CODE) && seen.add(name)) {
                        ownTotal.merge(name, 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long allWaited = waitedMillis.values().stream().mapToLong(Long::longValue).sum();
        return new Summary(samples, top(self, samples, top), top(ownTotal, samples, top), top(waitedMillis, allWaited, top));
    }

    static String format(String service, Summary summary) {
        StringBuilder out = new StringBuilder(String.format("%s: %,d CPU samples%n  self (top of the stack):%n", service,
                summary.samples()));
        summary.self().forEach(line -> out.append(String.format("    %5.1f%%  %s%n", line.share() * 100, line.method())));
        out.append("  the suite's own methods, total (anywhere on the stack):\n");
        summary.ownTotal().forEach(line -> out.append(String.format("    %5.1f%%  %s%n", line.share() * 100, line.method())));
        out.append("  waits longer than JFR's threshold, by the suite's innermost frame (ms summed over threads):\n");
        summary.waits().forEach(line -> out.append(String.format("    %,9d ms  %s%n", line.samples(), line.method())));
        return out.toString();
    }

    /** Every recording the benchmark left in {@code directory}, summarised, into {@code jfr-summary.txt} beside them. */
    static String summariseAll(Path directory, int top) {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(directory)) {
            for (Path recording : files.filter(file -> file.toString().endsWith(".jfr")).sorted().toList()) {
                String service = recording.getFileName().toString().replace(".jfr", "");
                out.append(format(service, read(recording, top))).append('\n');
            }
            Files.writeString(directory.resolve("jfr-summary.txt"), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<Line> top(Map<String, Long> counts, long samples, int top) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(top)
                .map(entry -> new Line(entry.getKey(), entry.getValue(), samples == 0 ? 0 : (double) entry.getValue() / samples))
                .toList();
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    private JfrSummary() {
    }
}
