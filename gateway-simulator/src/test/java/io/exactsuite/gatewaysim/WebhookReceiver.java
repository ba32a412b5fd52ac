package io.exactsuite.gatewaysim;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny webhook endpoint on a free port, started before the simulator so that
 * {@code simulator.webhook-url} can point at it. Records every delivery as received (raw bytes).
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

    public record Delivery(String signature, String contentType, String body) {
    }

    static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();
    /** Body substring (e.g. a charge id) to how many more deliveries containing it are answered 500. */
    static final Map<String, AtomicInteger> FAIL_NEXT = new ConcurrentHashMap<>();
    /**
     * Body substring to a meeting point: a delivery containing it waits there (at most {@link #MEET_WITHIN}) until
     * every delivery the meeting expects is in flight too, then is answered. Whether they met is recorded.
     */
    static final Map<String, CountDownLatch> MEET = new ConcurrentHashMap<>();
    static final Map<String, Boolean> MET = new ConcurrentHashMap<>();
    static final Duration MEET_WITHIN = Duration.ofSeconds(3);

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/webhooks/gateway", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            DELIVERIES.add(new Delivery(exchange.getRequestHeaders().getFirst("Gateway-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            meet(body);
            int status = shouldFail(body) ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool()); // deliveries sent at once are received at once
        server.start();
        return Map.of("simulator.webhook-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/gateway");
    }

    private static void meet(String body) {
        for (Map.Entry<String, CountDownLatch> meeting : MEET.entrySet()) {
            if (body.contains(meeting.getKey())) {
                meeting.getValue().countDown();
                try {
                    MET.put(meeting.getKey(), meeting.getValue().await(MEET_WITHIN.toMillis(), TimeUnit.MILLISECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static boolean shouldFail(String body) {
        for (Map.Entry<String, AtomicInteger> rule : FAIL_NEXT.entrySet()) {
            if (body.contains(rule.getKey()) && rule.getValue().getAndDecrement() > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
