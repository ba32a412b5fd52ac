package io.exactsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the dashboard in deploy/observability: promtool accepts the rules and their unit tests pass
 * (each alert fires on its symptom and stays silent without it), the copies kustomize ships are current, and every
 * metric an expression reads is one the services export (a renamed meter must fail here, not in a silent panel).
 */
class ObservabilityTests {

    private static final Path OBSERVABILITY = Path.of("..", "deploy", "observability");
    /** Meter names in the sources: counter("a.b"), gauge("a.b", ...), and the late-payment counters built per service. */
    private static final Pattern METER = Pattern.compile("(counter|gauge)\\(\\s*\"([a-z][a-z0-9.]*)\"");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL = Set.of("sum", "rate", "irate", "increase", "max", "min", "avg", "count", "by",
            "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "histogram_quantile", "topk",
            "bottomk", "clamp_min", "clamp_max", "abs", "absent", "vector", "scalar", "time", "label_replace", "offset",
            "bool", "max_over_time", "min_over_time", "avg_over_time", "sum_over_time", "changes", "resets", "delta",
            "round", "ceil", "floor", "sort", "sort_desc", "count_over_time", "last_over_time", "deriv", "le", "inf", "nan");

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        Assumptions.assumeTrue(available("promtool", "--version"),
                "promtool is not installed (Debian: apt-get install prometheus): the alert rules were not checked");
        run(OBSERVABILITY, "promtool", "check", "rules", "prometheus-rules.yaml");
        String tests = run(OBSERVABILITY, "promtool", "test", "rules", "prometheus-rules.test.yaml");
        assertThat(tests).contains("SUCCESS");
    }

    @Test
    void theRulesAndDashboardKustomizeShipsAreCurrentCopies() throws Exception {
        run(OBSERVABILITY, "bash", "sync-rules.sh", "--check");
    }

    @Test
    void everyExpressionReadsOnlyMetricsTheServicesExport() throws IOException {
        Set<String> exported = exportedMetrics();
        List<String> expressions = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Set<String> recorded = new TreeSet<>();
        for (JsonNode group : yaml.readTree(OBSERVABILITY.resolve("prometheus-rules.yaml").toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                expressions.add(rule.path("expr").asText());
                if (rule.has("record")) {
                    recorded.add(rule.path("record").asText());
                }
            }
        }
        new ObjectMapper().readTree(OBSERVABILITY.resolve("grafana-dashboard.json").toFile()).findValues("expr")
                .forEach(expr -> expressions.add(expr.asText()));

        List<String> unknown = new ArrayList<>();
        for (String expression : expressions) {
            for (String metric : metricsIn(expression)) {
                if (!exported.contains(metric) && !recorded.contains(metric)) {
                    unknown.add(metric + " in " + expression.strip());
                }
            }
        }
        System.out.println("observability: " + expressions.size() + " expressions read only the " + exported.size()
                + " metrics the services export");
        assertThat(unknown).as("metrics no service exports").isEmpty();
        assertThat(expressions).hasSizeGreaterThan(20);
    }

    /** The metric names an expression reads: names not followed by "(", outside label matchers and by/on clauses. */
    static Set<String> metricsIn(String expression) {
        String bare = expression.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\"[^\"]*\"", " ").replaceAll("\\$\\w+", " ");
        Set<String> metrics = new TreeSet<>();
        Matcher name = NAME.matcher(bare);
        while (name.find()) {
            String token = name.group();
            int next = name.end();
            while (next < bare.length() && bare.charAt(next) == ' ') {
                next++;
            }
            boolean call = next < bare.length() && bare.charAt(next) == '(';
            if (!call && !PROMQL.contains(token.toLowerCase()) && !Character.isDigit(token.charAt(0))
                    && (token.contains("_") || token.equals("up"))) {
                metrics.add(token);
            }
        }
        return metrics;
    }

    /** Prometheus names of every meter in the sources, as Micrometer's Prometheus registry writes them. */
    private static Set<String> exportedMetrics() throws IOException {
        Set<String> names = new TreeSet<>(Set.of("up", "http_server_requests_seconds_count", "http_server_requests_seconds_sum",
                "http_server_requests_seconds_bucket", "http_server_requests_seconds_max"));
        List<String> meters = new ArrayList<>(List.of("counter:orders.late.payments", "counter:voting.late.payments"));
        for (String module : List.of("common", "voting-service", "points-service", "order-service", "payment-service")) {
            try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher meter = METER.matcher(Files.readString(file));
                    while (meter.find()) {
                        meters.add(meter.group(1) + ":" + meter.group(2));
                    }
                }
            }
        }
        for (String meter : meters) {
            String kind = meter.substring(0, meter.indexOf(':'));
            String name = meter.substring(meter.indexOf(':') + 1).replace('.', '_');
            names.add("counter".equals(kind) ? name + "_total" : name);
        }
        return names;
    }

    private static boolean available(String... command) {
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}
