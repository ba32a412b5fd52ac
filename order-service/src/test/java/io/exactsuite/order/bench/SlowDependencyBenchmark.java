package io.exactsuite.order.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.Http;
import io.exactsuite.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: N concurrent checkouts of ONE product while points-service takes 1.5 s to answer each hold.
 * With the reservation committed before the call, they overlap and the batch takes about one round trip;
 * with the product row locked across the call they would queue, N round trips. Runs the packaged
 * order-service (java -jar, embedded PostgreSQL) against WireMock standing in for points- and
 * payment-service. Run: order-service/bench/slow-dependency.sh
 */
public final class SlowDependencyBenchmark {

    private static final int ORDERS = Integer.getInteger("orders", 10);
    private static final int HOLD_DELAY_MS = Integer.getInteger("holdDelayMs", 1500);

    public static void main(String[] args) throws Exception {
        WireMockServer dependencies = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .bindAddress("127.0.0.1").containerThreads(ORDERS * 2 + 10));
        dependencies.start();
        dependencies.stubFor(post(urlMatching("/points/accounts/[^/]+/holds")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withFixedDelay(HOLD_DELAY_MS)
                .withBody("{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"HELD\"}")));
        dependencies.stubFor(post(urlMatching("/payment/payments")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + UUID.randomUUID()
                        + "\",\"reference\":\"pay_BENCH\",\"status\":\"PENDING\",\"checkoutUrl\":\"http://127.0.0.1/c\"}")));
        Path home = Files.createTempDirectory("slow-dependency-bench-");
        String url = "http://127.0.0.1:" + dependencies.port();
        Path jar = Path.of(System.getProperty("jar", "target/quarkus-app/quarkus-run.jar"));
        try (ServiceProcess orders = ServiceProcess.start(jar,
                home.resolve("order-service.log"), Map.of("ORDERS_POINTS_BASE_URL", url + "/points",
                        "ORDERS_PAYMENT_BASE_URL", url + "/payment"), "-Dsuite.data-dir=" + home.resolve("data"))) {
            Http http = orders.http();
            String product = id(http.post("/products", DevTokens.admin("bench"), UUID.randomUUID().toString(),
                    "{\"sku\":\"HOT-" + UUID.randomUUID() + "\",\"kind\":\"TICKET\",\"name\":\"Hot\",\"price\":\"10.00\","
                            + "\"currency\":\"EUR\",\"capacity\":1000}").body());
            checkouts(http, product, 2); // warm-up
            long one = checkouts(http, product, 1);
            long many = checkouts(http, product, ORDERS);
            System.out.printf("%n| checkouts of one product, points-service answering in %d ms | wall time | ratio to one checkout |%n",
                    HOLD_DELAY_MS);
            System.out.println("|---|---|---|");
            System.out.printf("| 1 | %d ms | 1.00 |%n", one);
            System.out.printf("| %d at once | %d ms | %.2f (queued behind a row lock it would be about %d) |%n",
                    ORDERS, many, (double) many / one, ORDERS);
        } finally {
            dependencies.stop();
        }
    }

    /** {@code count} checkouts at once, each with points; returns the wall time until all answered 201. */
    private static long checkouts(Http http, String product, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(count);
        long start = System.nanoTime();
        List<Future<Integer>> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String customer = "bench-" + UUID.randomUUID();
            replies.add(clients.submit(() -> http.post("/orders", DevTokens.user(customer), UUID.randomUUID().toString(),
                    "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}],\"pointsAccountId\":\""
                            + UUID.randomUUID() + "\",\"pointsToRedeem\":100}").status()));
        }
        for (Future<Integer> reply : replies) {
            if (reply.get() != 201) {
                throw new IllegalStateException("a checkout answered " + reply.get());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        clients.shutdown();
        return millis;
    }

    private static String id(String json) {
        return json.replaceAll("^\\{\"id\":\"([^\"]+)\".*$", "$1");
    }
}
