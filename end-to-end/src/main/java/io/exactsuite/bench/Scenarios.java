package io.exactsuite.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.exactsuite.bench.BenchSuite.Service;
import io.exactsuite.bench.Ceilings.Kind;
import io.exactsuite.testing.DevTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The flows the benchmark drives over HTTP, and what each is read against: the fixtures (a points account
 * with a billion points, a hot product and 1,000 others with room for every checkout, a contest) are made
 * through the APIs before the clock starts.
 */
final class Scenarios {

    /**
     * One endpoint under wrk. {@code ceiling}: the raw SQL it is read against; {@code against}: another scenario
     * instead. {@code fixturesPerSecond}: how many one-use fixtures ({@code {seq}}) each second of a run may consume.
     */
    record Scenario(String name, Service service, Wrk.Request request, Kind ceiling, String against, boolean write,
            long fixturesPerSecond) {

        Scenario(String name, Service service, Wrk.Request request, Kind ceiling, String against, boolean write) {
            this(name, service, request, ceiling, against, write, 0);
        }
    }

    /** One-use fixtures per second of load a credits run may consume; more than this machine has ever done. */
    static final long CREDITS_PER_SECOND = 4_000;
    /** The purchase and payment ids of the credits fixtures: a fixed prefix and a number, so wrk can name them. */
    private static final String PURCHASE_PREFIX = "00000000-0000-4000-8000-";
    private static final String PAYMENT_PREFIX = "10000000-0000-4000-8000-";
    String creditsContest;
    String spreadContest;

    static final int SPREAD_PRODUCTS = 1_000;

    final String buyer = "bench-buyer";
    final String buyerToken = DevTokens.mint(buyer, Duration.ofHours(12), "user");
    String account;
    String hotProduct;
    final List<String> products = Collections.synchronizedList(new ArrayList<>());
    String contest;
    String hotContestant;
    String flowContestant;

    private final BenchSuite suite;

    Scenarios(BenchSuite suite) {
        this.suite = suite;
    }

    /**
     * Purchases waiting for their payment, made straight in voting-service's database (the benchmark's fixture,
     * not its measurement: making them through the API would take minutes): {@code hot} on one contestant, then
     * {@code spread} over 1,000, numbered so that wrk's {@code {seqhex}} names each one once. Then only the credit
     * path itself, payment event to tally, is measured.
     */
    void setUpCredits(long hot, long spread) {
        creditsContest = contest("credits-hot", 1);
        spreadContest = contest("credits-spread", 1_000);
        suite.sql("voting", purchases(creditsContest, 1, hot), purchases(spreadContest, hot + 1, hot + spread));
        nextFixture.put("credits-hot", 1L);
        nextFixture.put("credits-1000-contestants", hot + 1);
    }

    private final Map<String, Long> nextFixture = new java.util.HashMap<>();

    /** The first of {@code count} fixtures of the scenario no run has used yet. */
    long reserveFixtures(String scenario, long count) {
        long first = nextFixture.get(scenario);
        nextFixture.put(scenario, first + count);
        return first;
    }

    private String contest(String name, int contestants) {
        StringBuilder body = new StringBuilder("{\"name\":\"" + name + "\",\"opensAt\":\"" + Instant.now().minusSeconds(60)
                + "\",\"closesAt\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\",\"pricePerVote\":\"0.50\",\"currency\":\"EUR\","
                + "\"contestants\":[");
        for (int i = 0; i < contestants; i++) {
            body.append(i == 0 ? "" : ",").append("{\"name\":\"c").append(i).append("\"}");
        }
        return Http.post(suite.url(Service.VOTING) + "/contests", BenchSuite.ADMIN, body.append("]}").toString()).path("id").asText();
    }

    private static String purchases(String contest, long first, long last) {
        return "WITH c AS (SELECT array_agg(id ORDER BY position) AS ids, count(*) AS n FROM contestant WHERE contest_id = '"
                + contest + "')"
                + " INSERT INTO vote_purchase (id, contest_id, contestant_id, voter_id, votes, amount, currency, status, payment_id,"
                + " payment_reference, checkout_url, created_at, updated_at)"
                + " SELECT ('" + PURCHASE_PREFIX + "' || lpad(to_hex(i), 12, '0'))::uuid, '" + contest + "', c.ids[1 + i % c.n],"
                + " 'bench-voter', 1, 0.50, 'EUR', 'PENDING_PAYMENT', ('" + PAYMENT_PREFIX + "' || lpad(to_hex(i), 12, '0'))::uuid,"
                + " 'bench-' || i, 'http://127.0.0.1/bench', now(), now() FROM generate_series(" + first + ", " + last + ") i, c";
    }

    /** The payment event payment-service's outbox would send for fixture {@code {seq}}: SUCCEEDED, its first. */
    private static Wrk.Request credit() {
        Map<String, String> headers = headers(BenchSuite.PAYMENT_SERVICE_TOKEN, "payment:" + PAYMENT_PREFIX + "{seqhex}:event:1");
        return new Wrk.Request("POST", "/purchases/" + PURCHASE_PREFIX + "{seqhex}/payment-events", headers,
                "{\"paymentId\":\"" + PAYMENT_PREFIX + "{seqhex}\",\"eventId\":\"bench-{seq}\",\"status\":\"SUCCEEDED\","
                        + "\"amount\":\"0.50\",\"currency\":\"EUR\",\"refundedAmount\":\"0.00\",\"purpose\":\"VOTES\","
                        + "\"purposeId\":\"" + PURCHASE_PREFIX + "{seqhex}\",\"reference\":\"bench-{seq}\"}",
                List.of());
    }

    /** True when every contestant's tally equals its credited purchases (voting-service's own audit). */
    boolean talliesExact() {
        for (String each : List.of(creditsContest, spreadContest)) {
            for (JsonNode line : Http.get(suite.url(Service.VOTING) + "/contests/" + each + "/audit", BenchSuite.ADMIN)) {
                if (!line.path("consistent").asBoolean()) {
                    return false;
                }
            }
        }
        return true;
    }

    void setUp() {
        account = Http.post(suite.url(Service.POINTS) + "/accounts", buyerToken, "{\"ownerId\":\"" + buyer + "\"}").path("id").asText();
        Http.post(suite.url(Service.POINTS) + "/accounts/" + account + "/earn", BenchSuite.ADMIN,
                "{\"points\":1000000000,\"reason\":\"bench\"}");
        hotProduct = product("HOT");
        parallel(16, SPREAD_PRODUCTS, i -> products.add(product("SPREAD-" + i)));
        JsonNode created = Http.post(suite.url(Service.VOTING) + "/contests", BenchSuite.ADMIN, "{\"name\":\"bench\",\"opensAt\":\""
                + Instant.now().minusSeconds(60) + "\",\"closesAt\":\"" + Instant.now().plus(Duration.ofDays(1))
                + "\",\"pricePerVote\":\"0.50\",\"currency\":\"EUR\",\"contestants\":[{\"name\":\"Hot\"},{\"name\":\"Flow\"}]}");
        contest = created.path("id").asText();
        hotContestant = created.path("contestants").get(0).path("id").asText();
        flowContestant = created.path("contestants").get(1).path("id").asText();
    }

    private String product(String sku) {
        return Http.post(suite.url(Service.ORDER) + "/products", BenchSuite.ADMIN, "{\"sku\":\"BENCH-" + sku + "-" + UUID.randomUUID()
                + "\",\"kind\":\"TICKET\",\"name\":\"bench\",\"price\":\"5.00\",\"currency\":\"EUR\",\"capacity\":1000000}")
                .path("id").asText();
    }

    List<Scenario> all() {
        Map<String, String> service = headers(BenchSuite.SERVICE_TOKEN, "{key}");
        Map<String, String> user = headers(buyerToken, "{key}");
        String hotLine = "{\"lines\":[{\"productId\":\"" + hotProduct + "\",\"quantity\":1}]";
        List<Scenario> all = new ArrayList<>();
        all.add(new Scenario("credits-hot", Service.VOTING, credit(), Kind.HOT_ROW, null, true, CREDITS_PER_SECOND));
        all.add(new Scenario("credits-1000-contestants", Service.VOTING, credit(), Kind.SPREAD, null, true, CREDITS_PER_SECOND));
        all.add(new Scenario("points-spend-hot", Service.POINTS, new Wrk.Request("POST", "/accounts/" + account + "/spend", service,
                "{\"points\":1,\"reason\":\"bench\"}", List.of()), Kind.GUARDED, null, true));
        all.add(new Scenario("checkout-hot", Service.ORDER, new Wrk.Request("POST", "/orders", user, hotLine + "}", List.of()),
                Kind.HOT_ROW, null, true));
        all.add(new Scenario("checkout-hot-points", Service.ORDER, new Wrk.Request("POST", "/orders", user,
                hotLine + ",\"pointsAccountId\":\"" + account + "\",\"pointsToRedeem\":10}", List.of()), Kind.HOT_ROW, null, true));
        all.add(new Scenario("checkout-1000-products", Service.ORDER, new Wrk.Request("POST", "/orders", user,
                "{\"lines\":[{\"productId\":\"{pick}\",\"quantity\":1}]}", List.copyOf(products)), Kind.APPEND, null, true));
        all.add(new Scenario("checkout-replay", Service.ORDER, new Wrk.Request("POST", "/orders",
                headers(buyerToken, "bench-replay-" + UUID.randomUUID()), hotLine + "}", List.of()), null, "checkout-hot", true));
        all.add(new Scenario("vote-purchase", Service.VOTING, new Wrk.Request("POST", "/contests/" + contest + "/purchases", user,
                "{\"contestantId\":\"" + hotContestant + "\",\"votes\":1}", List.of()), Kind.APPEND, null, true));
        all.add(new Scenario("payment-create", Service.PAYMENT, new Wrk.Request("POST", "/payments", service,
                "{\"purpose\":\"VOTES\",\"purposeId\":\"{uuid}\",\"payerId\":\"bench\",\"amount\":\"1.00\",\"currency\":\"EUR\"}",
                List.of()), Kind.APPEND, null, true));
        all.add(new Scenario("leaderboard-read", Service.VOTING, new Wrk.Request("GET", "/contests/" + contest + "/leaderboard",
                Map.of("Authorization", "Bearer " + buyerToken), null, List.of()), null, null, false));
        all.add(new Scenario("product-read", Service.ORDER, new Wrk.Request("GET", "/products/" + hotProduct,
                Map.of("Authorization", "Bearer " + buyerToken), null, List.of()), null, null, false));
        return all;
    }

    private static Map<String, String> headers(String token, String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Idempotency-Key", key);
        headers.put("Content-Type", "application/json");
        return headers;
    }

    /** What the whole paid-vote flow achieved: votes credited per second, and whether the tally came out exact. */
    record FlowResult(int purchases, double seconds, double perSecond, long credited, boolean exact) {
    }

    /**
     * The whole paid-vote flow: {@code count} one-vote purchases are made first (each creates a payment and a
     * gateway charge); then the clock runs while {@code clients} payers complete every charge at the simulator,
     * whose signed webhooks go to payment-service, whose outbox tells voting-service, until the tally holds all
     * of them. The payers are plain Java clients here: a closed set of charges, each paid once.
     */
    FlowResult paidVoteFlow(int count, int clients) {
        List<String> charges = Collections.synchronizedList(new ArrayList<>());
        parallel(16, count, i -> {
            JsonNode purchase = Http.post(suite.url(Service.VOTING) + "/contests/" + contest + "/purchases", buyerToken,
                    "{\"contestantId\":\"" + flowContestant + "\",\"votes\":1}");
            String checkout = purchase.path("checkoutUrl").asText();
            charges.add(checkout.substring(checkout.lastIndexOf('/') + 1));
        });
        long before = flowVotes();
        long started = System.nanoTime();
        parallel(clients, charges.size(), i -> Http.post(suite.url(Service.GATEWAY) + "/checkout/" + charges.get(i) + "/pay", null, null));
        long deadline = started + TimeUnit.SECONDS.toNanos(600);
        long credited = flowVotes() - before;
        while (credited < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // a bounded poll of the tally: the measurement's end
            credited = flowVotes() - before;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new FlowResult(count, seconds, credited / seconds, credited, credited == count);
    }

    private long flowVotes() {
        for (JsonNode standing : Http.get(suite.url(Service.VOTING) + "/contests/" + contest + "/leaderboard", buyerToken)) {
            if (flowContestant.equals(standing.path("contestantId").asText())) {
                return standing.path("votes").asLong();
            }
        }
        return 0;
    }

    private static void parallel(int threads, int count, java.util.function.IntConsumer task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                all.add(pool.submit(() -> task.accept(index)));
            }
            for (Future<?> each : all) {
                each.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("setting up the benchmark failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
