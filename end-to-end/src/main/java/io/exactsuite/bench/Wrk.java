package io.exactsuite.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives one endpoint with wrk (a real load generator, Debian's {@code wrk}) at a fixed number of
 * connections for a fixed time. Each request is built by a Lua script from a template, so every request
 * can carry its own Idempotency-Key (and a random product or UUID) while wrk keeps its own pace; the
 * script's {@code done} hook prints the totals and latency percentiles as one JSON line.
 */
final class Wrk {

    /** One measured run: requests per second, latency percentiles in milliseconds, errors (non-2xx/3xx or socket). */
    record Result(long requests, double seconds, double perSecond, double p50, double p99, double p999, long errors) {

        double errorRate() {
            return requests == 0 ? 0 : (double) errors / requests;
        }
    }

    /**
     * What each request is. In the path, headers and body: {@code {key}} becomes a key unique to the request,
     * {@code {uuid}} a random UUID, {@code {pick}} a random element of {@code picks}, and {@code {seq}} (with
     * {@code {seqhex}}, the same number as 12 hex digits) a number used by no other request of the run, counting
     * from {@code seqStart}: a fixture made beforehand for each of them (a purchase waiting for its payment) is
     * then used once.
     */
    record Request(String method, String path, Map<String, String> headers, String body, List<String> picks, long seqStart) {

        Request(String method, String path, Map<String, String> headers, String body, List<String> picks) {
            this(method, path, headers, body, picks, 0);
        }

        Request startingAt(long seq) {
            return new Request(method, path, headers, body, picks, seq);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static String wrk() {
        return Bench.onPath("wrk");
    }

    static Result run(String wrk, String baseUrl, Request request, int connections, int seconds, Path work, String name) {
        Path script = work.resolve(name + ".lua");
        try {
            Files.writeString(script, lua(request, name, threads(connections)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(wrk, "-t", Integer.toString(threads(connections)), "-c", Integer.toString(connections),
                "-d", seconds + "s", "--timeout", "10s", "-s", script.toString(), baseUrl);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("wrk failed: " + String.join(" ", command) + "\n" + output);
            }
            String line = output.lines().filter(each -> each.startsWith("{\"requests\"")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no result line from wrk:\n" + output));
            JsonNode result = JSON.readTree(line);
            long requests = result.path("requests").asLong();
            double elapsed = result.path("durationUs").asLong() / 1e6;
            long errors = result.path("status").asLong() + result.path("connect").asLong() + result.path("read").asLong()
                    + result.path("write").asLong() + result.path("timeout").asLong();
            return new Result(requests, elapsed, requests / elapsed, result.path("p50").asLong() / 1000.0,
                    result.path("p99").asLong() / 1000.0, result.path("p999").asLong() / 1000.0, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Lua that wrk runs: per-thread counters make keys unique across threads and runs. */
    static String lua(Request request, String name, int threads) {
        StringBuilder lua = new StringBuilder();
        lua.append("local picks = {");
        for (String pick : request.picks()) {
            lua.append('"').append(pick).append("\",");
        }
        lua.append("}\n");
        lua.append("local threads = 0\n");
        lua.append("function setup(thread) thread:set(\"tid\", threads); threads = threads + 1 end\n");
        lua.append("local nthreads = ").append(threads).append("\n");
        lua.append("local seqStart = ").append(request.seqStart()).append("\n");
        lua.append("local counter = 0\n");
        lua.append("local run = \"").append(name).append("-\" .. os.time() .. \"-\"\n");
        lua.append("function init(args) math.randomseed(os.time() + tid * 7919) end\n");
        lua.append("local function uuid()\n")
                .append("  local r = math.random\n")
                .append("  return string.format('%04x%04x-%04x-4%03x-%04x-%04x%04x%04x', r(0, 65535), r(0, 65535), r(0, 65535),")
                .append(" r(0, 4095), r(32768, 49151), r(0, 65535), r(0, 65535), r(0, 65535))\nend\n");
        lua.append("local function fill(text, key, seq)\n")
                .append("  text = string.gsub(text, '{key}', key)\n")
                .append("  text = string.gsub(text, '{seqhex}', string.format('%012x', seq))\n")
                .append("  text = string.gsub(text, '{seq}', string.format('%d', seq))\n")
                .append("  text = string.gsub(text, '{uuid}', function() return uuid() end)\n")
                .append("  if #picks > 0 then text = string.gsub(text, '{pick}', function() return picks[math.random(#picks)] end) end\n")
                .append("  return text\nend\n");
        lua.append("function request()\n  counter = counter + 1\n  local key = run .. tid .. '-' .. counter\n");
        lua.append("  local seq = seqStart + (counter - 1) * nthreads + tid\n");
        lua.append("  local headers = {}\n");
        request.headers().forEach((header, value) -> lua.append("  headers[\"").append(header).append("\"] = fill(\"")
                .append(escape(value)).append("\", key, seq)\n"));
        lua.append("  local body = ").append(request.body() == null ? "nil" : "fill(\"" + escape(request.body()) + "\", key, seq)")
                .append("\n");
        lua.append("  return wrk.format(\"").append(request.method()).append("\", fill(\"").append(escape(request.path()))
                .append("\", key, seq), headers, body)\nend\n");
        lua.append("function done(summary, latency, requests)\n")
                .append("  io.write(string.format('{\"requests\":%d,\"durationUs\":%d,\"status\":%d,\"connect\":%d,\"read\":%d,")
                .append("\"write\":%d,\"timeout\":%d,\"p50\":%d,\"p99\":%d,\"p999\":%d}\\n', summary.requests, summary.duration,")
                .append(" summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,")
                .append(" summary.errors.timeout, latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))\n")
                .append("end\n");
        return lua.toString();
    }

    /** wrk's threads: two (the machine's cores), or one for a single connection. */
    static int threads(int connections) {
        return Math.min(connections, 2);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private Wrk() {
    }
}
