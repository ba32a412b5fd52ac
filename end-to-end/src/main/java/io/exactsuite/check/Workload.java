package io.exactsuite.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.exactsuite.check.Cluster.Service;
import io.exactsuite.testing.DevTokens;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What the checker's clients do, concurrently, on a few hot rows: checkouts of two hot products and one
 * hot room-night (with and without points), paying, declining, cancelling or abandoning them, refunds by
 * an admin; vote purchases on one hot contestant; points spends on the same accounts the checkouts
 * redeem from; the same request sent twice at once with one key. Every operation goes into the
 * {@link History}; one that ends UNKNOWN is retried with its Idempotency-Key, as a real client would.
 * Everything the invariants need to find its effects later is kept here (deterministic ids included).
 */
final class Workload {

    static final int CUSTOMERS = 4;
    static final long STARTING_POINTS = 5_000;
    static final int HOT_CAPACITY = 60;
    static final int ROOM_CAPACITY = 6;
    private static final int RETRIES = 4;

    record Customer(String id, String token, String account) {
    }

    /** A checkout as the checker asked for it; its order id derives from the customer and the key, as the service's does. */
    record Checkout(String key, Customer customer, String product, LocalDate day, int quantity, long points, Outcome outcome,
            String orderId) {
    }

    record VotePurchase(String key, Customer voter, String purchaseId, int votes, Outcome outcome) {
    }

    record Spend(String key, Customer customer, long points, Outcome outcome) {
    }

    /** Two requests sent at once with one key: both must name the same order (or be told the key is in flight). */
    record SameKeyPair(String key, String first, String second) {
    }

    /**
     * A keyed request sent again after its answer: as an idempotent API answers, both the same (ids: the id or status
     * when OK, else status and code), the second one a replay of the first (Idempotent-Replayed: true).
     */
    record SameKeyAnswers(String key, Outcome first, String firstId, Outcome second, String secondId, boolean secondReplayed) {
    }

    final Queue<Checkout> checkouts = new ConcurrentLinkedQueue<>();
    final Queue<VotePurchase> purchases = new ConcurrentLinkedQueue<>();
    final Queue<Spend> spends = new ConcurrentLinkedQueue<>();
    final Queue<SameKeyPair> sameKeyPairs = new ConcurrentLinkedQueue<>();
    final Queue<SameKeyAnswers> sameKeyAnswers = new ConcurrentLinkedQueue<>();
    /**
     * Refunds an admin made at payment-service directly, per payment: [acknowledged, attempted (acknowledged or
     * unknown)]. The order stays PAID through them, so what it stands for is its amount less what they gave back.
     */
    final Map<String, BigDecimal[]> directRefunds = new ConcurrentHashMap<>();
    final List<Customer> customers = new ArrayList<>();
    final List<String> hotProducts = new ArrayList<>();
    String room;
    LocalDate roomNight;
    String contest;
    String hotContestant;
    final List<String> contestants = new ArrayList<>();
    /** When set-up began: payment-service's audit counts payments from here on (the checker's own). */
    java.time.Instant startedAt;

    private final Target cluster;
    private final History history;

    Workload(Target cluster, History history) {
        this.cluster = cluster;
        this.history = history;
    }

    /** Products, a room-night, points accounts with points, a contest: set up before the clock starts. */
    void setUp() {
        startedAt = java.time.Instant.now().minusSeconds(1);
        for (String price : List.of("9.90", "4.35")) {
            hotProducts.add(created(Api.post(cluster.url(Service.ORDER) + "/products", Cluster.ADMIN, key(),
                    "{\"sku\":\"HOT-" + UUID.randomUUID() + "\",\"kind\":\"TICKET\",\"name\":\"hot\",\"price\":\"" + price
                            + "\",\"currency\":\"EUR\",\"capacity\":" + HOT_CAPACITY + "}")).path("id").asText());
        }
        room = created(Api.post(cluster.url(Service.ORDER) + "/products", Cluster.ADMIN, key(),
                "{\"sku\":\"ROOM-" + UUID.randomUUID() + "\",\"kind\":\"HOTEL_ROOM\",\"name\":\"room\",\"price\":\"80.00\","
                        + "\"currency\":\"EUR\",\"capacity\":0,\"dated\":true}")).path("id").asText();
        roomNight = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        Api.Answer night = Api.put(cluster.url(Service.ORDER) + "/products/" + room + "/dates/" + roomNight, Cluster.ADMIN,
                "{\"capacity\":" + ROOM_CAPACITY + "}");
        if (night.outcome() != Outcome.OK) {
            throw new IllegalStateException("room capacity not set: " + night.describe());
        }
        for (int i = 1; i <= CUSTOMERS; i++) {
            String id = "customer-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            String token = DevTokens.mint(id, Duration.ofHours(12), "user");
            String account = created(Api.post(cluster.url(Service.POINTS) + "/accounts", token, key(),
                    "{\"ownerId\":\"" + id + "\"}")).path("id").asText();
            created(Api.post(cluster.url(Service.POINTS) + "/accounts/" + account + "/earn", Cluster.ADMIN, key(),
                    "{\"points\":" + STARTING_POINTS + ",\"reason\":\"checker\"}"));
            customers.add(new Customer(id, token, account));
        }
        JsonNode created = created(Api.post(cluster.url(Service.VOTING) + "/contests", Cluster.ADMIN, key(),
                "{\"name\":\"checker\",\"opensAt\":\"" + java.time.Instant.now().minusSeconds(60) + "\",\"closesAt\":\""
                        + java.time.Instant.now().plus(Duration.ofDays(1)) + "\",\"pricePerVote\":\"0.50\",\"currency\":\"EUR\","
                        + "\"contestants\":[{\"name\":\"Ada\"},{\"name\":\"Grace\"},{\"name\":\"Linus\"}]}"));
        contest = created.path("id").asText();
        created.path("contestants").forEach(contestant -> contestants.add(contestant.path("id").asText()));
        hotContestant = contestants.get(0);
    }

    /** Runs {@code workers} clients until {@code done} says so (checked before each client step). */
    void run(int workers, long seed, java.util.function.BooleanSupplier done) {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Random random = new Random(seed * 31 + w);
            running.add(pool.submit(() -> {
                while (!done.getAsBoolean()) {
                    step(random);
                }
            }));
        }
        for (Future<?> worker : running) {
            try {
                worker.get();
            } catch (Exception e) {
                throw new IllegalStateException("a checker client failed", e);
            }
        }
        pool.shutdown();
    }

    private void step(Random random) {
        int dice = random.nextInt(100);
        Customer customer = customers.get(random.nextInt(customers.size()));
        if (dice < 3) {
            restock(random);
        } else if (dice < 5) {
            earn(customer);
        } else if (dice < 42) {
            checkout(random, customer);
        } else if (dice < 50) {
            burst(3, seed -> checkout(new Random(seed), customer), random);
        } else if (dice < 70) {
            vote(random, customer);
        } else if (dice < 80) {
            spend(random, customer);
        } else if (dice < 88) {
            burst(4, seed -> spend(new Random(seed), customer), random);
        } else if (dice < 95) {
            sameKeyTwice(random, customer);
        } else {
            sameKeySpendTwice(random, customer);
        }
    }

    /** The same kind of request from several clients at once, on the same hot rows. */
    private void burst(int size, java.util.function.LongConsumer request, Random random) {
        List<java.util.concurrent.CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            long seed = random.nextLong();
            all.add(java.util.concurrent.CompletableFuture.runAsync(() -> request.accept(seed), burstPool));
        }
        all.forEach(java.util.concurrent.CompletableFuture::join);
    }

    private final ExecutorService burstPool = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "checker-burst");
        thread.setDaemon(true);
        return thread;
    });

    private void checkout(Random random, Customer customer) {
        boolean roomNightOrder = random.nextInt(4) == 0;
        String product = roomNightOrder ? room : hotProducts.get(random.nextInt(hotProducts.size()));
        int quantity = 1 + random.nextInt(2);
        long points = random.nextInt(3) == 0 ? 100 * (1 + random.nextInt(3)) : 0;
        String key = key();
        Answer placed = keyed("checkout", key, () -> Api.post(cluster.url(Service.ORDER) + "/orders", customer.token(), key,
                body(product, roomNightOrder ? roomNight : null, quantity, points, customer)));
        String orderId = orderId(customer.id(), key);
        checkouts.add(new Checkout(key, customer, product, roomNightOrder ? roomNight : null, quantity, points,
                placed.outcome(), orderId));
        if (placed.outcome() != Outcome.OK) {
            return;
        }
        int next = random.nextInt(100);
        String checkoutUrl = placed.answer().text("checkoutUrl");
        if (next < 55) {
            gateway("pay", checkoutUrl, "/pay");
            if (random.nextInt(100) < 20 && awaitPaid(orderId)) {
                if (random.nextBoolean()) {
                    // An admin refunds 1.00 at payment-service directly first: the order refund must refund the rest.
                    String paymentId = placed.answer().text("paymentId");
                    String partialKey = key();
                    Answer partial = keyed("partial-refund", partialKey, () -> Api.post(cluster.url(Service.PAYMENT) + "/payments/"
                            + paymentId + "/refunds", Cluster.ADMIN, partialKey, "{\"amount\":\"1.00\"}"));
                    if (partial.outcome() != Outcome.FAIL) {
                        BigDecimal one = new BigDecimal("1.00");
                        directRefunds.merge(paymentId, new BigDecimal[] { partial.outcome() == Outcome.OK ? one : BigDecimal.ZERO, one },
                                (a, b) -> new BigDecimal[] { a[0].add(b[0]), a[1].add(b[1]) });
                    }
                }
                String refundKey = key();
                keyed("refund", refundKey, () -> Api.post(cluster.url(Service.ORDER) + "/orders/" + orderId + "/refund",
                        Cluster.ADMIN, refundKey, null));
            }
        } else if (next < 65) {
            gateway("decline", checkoutUrl, "/decline");
        } else if (next < 85) {
            String cancelKey = key();
            String cancelUrl = cluster.url(Service.ORDER) + "/orders/" + orderId + "/cancel";
            Answer cancelled = keyed("cancel", cancelKey, () -> Api.post(cancelUrl, customer.token(), cancelKey, null));
            if (cancelled.outcome() == Outcome.OK && random.nextBoolean()) {
                // The client lost the answer and sends the same request again: it must hear the same answer.
                Answer again = keyed("cancel-again", cancelKey, () -> Api.post(cancelUrl, customer.token(), cancelKey, null));
                sameKeyAnswers.add(new SameKeyAnswers(cancelKey, cancelled.outcome(), cancelled.said("status"),
                        again.outcome(), again.said("status"), again.answer().replayed()));
            }
        } // else: abandoned, left to expire
    }

    private void vote(Random random, Customer voter) {
        String contestant = random.nextInt(3) == 0 ? contestants.get(random.nextInt(contestants.size())) : hotContestant;
        int votes = 1 + random.nextInt(5);
        String key = key();
        Answer bought = keyed("vote", key, () -> Api.post(cluster.url(Service.VOTING) + "/contests/" + contest + "/purchases",
                voter.token(), key, "{\"contestantId\":\"" + contestant + "\",\"votes\":" + votes + "}"));
        purchases.add(new VotePurchase(key, voter, purchaseId(voter.id(), key), votes, bought.outcome()));
        if (bought.outcome() == Outcome.OK) {
            boolean pay = random.nextInt(100) < 85;
            gateway(pay ? "pay" : "decline", bought.answer().text("checkoutUrl"), pay ? "/pay" : "/decline");
            if (random.nextBoolean()) {
                // The voter is back from checkout at once: verify races the gateway's webhook for the same charge.
                String verifyKey = key();
                String purchase = purchaseId(voter.id(), key);
                keyed("verify", verifyKey, () -> Api.post(cluster.url(Service.VOTING) + "/purchases/" + purchase + "/verify",
                        voter.token(), verifyKey, null));
            }
        }
    }

    /**
     * An admin raises a hot product's capacity (or the room-night's) so a long run keeps selling instead of
     * answering "sold out"; capacity is absolute, so a lost or repeated raise only moves the ceiling.
     */
    private void restock(Random random) {
        if (random.nextInt(4) == 0) {
            Api.Answer night = Api.get(cluster.url(Service.ORDER) + "/products/" + room + "/dates/" + roomNight, Cluster.ADMIN);
            if (night.outcome() == Outcome.OK) {
                long op = history.invoke("restock", room);
                Api.Answer raised = Api.put(cluster.url(Service.ORDER) + "/products/" + room + "/dates/" + roomNight, Cluster.ADMIN,
                        "{\"capacity\":" + (night.body().path("capacity").asInt() + 2) + "}");
                history.complete(op, raised.outcome(), raised.describe());
            }
            return;
        }
        String product = hotProducts.get(random.nextInt(hotProducts.size()));
        Api.Answer current = Api.get(cluster.url(Service.ORDER) + "/products/" + product, Cluster.ADMIN);
        if (current.outcome() == Outcome.OK) {
            long op = history.invoke("restock", product);
            Api.Answer raised = Api.patch(cluster.url(Service.ORDER) + "/products/" + product, Cluster.ADMIN,
                    "{\"capacity\":" + (current.body().path("capacity").asInt() + 25) + "}");
            history.complete(op, raised.outcome(), raised.describe());
        }
    }

    /** An admin credits a customer (a purchase elsewhere), so spends and redemptions keep finding points. */
    private void earn(Customer customer) {
        String key = key();
        keyed("earn", key, () -> Api.post(cluster.url(Service.POINTS) + "/accounts/" + customer.account() + "/earn",
                Cluster.ADMIN, key, "{\"points\":1500,\"reason\":\"checker\"}"));
    }

    private void spend(Random random, Customer customer) {
        long points = 10 + random.nextInt(40);
        String key = key();
        Answer spent = keyed("spend", key, () -> Api.post(cluster.url(Service.POINTS) + "/accounts/" + customer.account() + "/spend",
                Cluster.SERVICE_TOKEN, key, key, "{\"points\":" + points + ",\"reason\":\"checker\"}"));
        spends.add(new Spend(key, customer, points, spent.outcome()));
    }

    private void sameKeyTwice(Random random, Customer customer) {
        String product = hotProducts.get(random.nextInt(hotProducts.size()));
        String key = key();
        String body = body(product, null, 1, 0, customer);
        String url = cluster.url(Service.ORDER) + "/orders";
        var other = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> keyed("same-key-checkout", key, () -> Api.post(url, customer.token(), key, body)), burstPool);
        Answer one = keyed("same-key-checkout", key, () -> Api.post(url, customer.token(), key, body));
        Answer two = other.join();
        sameKeyPairs.add(new SameKeyPair(key, one.answer().text("id"), two.answer().text("id")));
        checkouts.add(new Checkout(key, customer, product, null, 1, 0,
                one.outcome() == Outcome.OK || two.outcome() == Outcome.OK ? Outcome.OK
                        : one.outcome() == Outcome.FAIL && two.outcome() == Outcome.FAIL ? Outcome.FAIL : Outcome.UNKNOWN,
                orderId(customer.id(), key)));
    }

    /** An admin refunds a paid order: the client looks at the order a few times until the payment is applied. */
    private boolean awaitPaid(String orderId) {
        for (int look = 0; look < 10; look++) {
            if ("PAID".equals(Api.get(cluster.url(Service.ORDER) + "/orders/" + orderId, Cluster.ADMIN).text("status"))) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300)); // a person reloading the page, not a test wait
        }
        return false;
    }

    /** One spend sent twice at once with one key (and one business reference): one entry, the same answer twice. */
    private void sameKeySpendTwice(Random random, Customer customer) {
        long points = 10 + random.nextInt(40);
        String key = key();
        String url = cluster.url(Service.POINTS) + "/accounts/" + customer.account() + "/spend";
        String body = "{\"points\":" + points + ",\"reason\":\"checker\"}";
        var other = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> keyed("same-key-spend", key, () -> Api.post(url, Cluster.SERVICE_TOKEN, key, key, body)), burstPool);
        Answer one = keyed("same-key-spend", key, () -> Api.post(url, Cluster.SERVICE_TOKEN, key, key, body));
        Answer two = other.join();
        // Sent at once, either copy may be the one answered afresh: only the answers are compared.
        sameKeyAnswers.add(new SameKeyAnswers(key, one.outcome(), one.said("id"), two.outcome(), two.said("id"), true));
        spends.add(new Spend(key, customer, points, one.outcome() == Outcome.OK || two.outcome() == Outcome.OK ? Outcome.OK
                : one.outcome() == Outcome.FAIL && two.outcome() == Outcome.FAIL ? Outcome.FAIL : Outcome.UNKNOWN));
    }

    /** The payer at the gateway simulator's checkout page; the webhook that follows is the suite's business. */
    private void gateway(String type, String checkoutUrl, String action) {
        if (checkoutUrl == null) {
            return;
        }
        String charge = checkoutUrl.substring(checkoutUrl.lastIndexOf('/') + 1);
        long op = history.invoke(type, charge);
        Api.Answer answer = Api.post(cluster.gatewayUrl() + "/checkout/" + charge + action, null, null, null);
        history.complete(op, answer.outcome(), answer.describe());
    }

    record Answer(Outcome outcome, Api.Answer answer) {

        /** What the answer said, for comparing two answers: the field when it succeeded, else its status and code. */
        String said(String field) {
            return outcome == Outcome.OK ? answer.text(field) : answer.describe();
        }
    }

    /** One operation; an UNKNOWN answer is retried with the same key until it is known, a few times. */
    private Answer keyed(String type, String key, java.util.function.Supplier<Api.Answer> call) {
        long op = history.invoke(type, key);
        Api.Answer answer = call.get();
        for (int retry = 1; retry <= RETRIES && answer.outcome() == Outcome.UNKNOWN; retry++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300L * retry)); // a client's backoff, not a test wait
            answer = call.get();
        }
        history.complete(op, answer.outcome(), answer.describe());
        return new Answer(answer.outcome(), answer);
    }

    private static String body(String product, LocalDate day, int quantity, long points, Customer customer) {
        return "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":" + quantity
                + (day == null ? "" : ",\"date\":\"" + day + "\"") + "}]"
                + (points > 0 ? ",\"pointsAccountId\":\"" + customer.account() + "\",\"pointsToRedeem\":" + points : "") + "}";
    }

    static String orderId(String customerId, String key) {
        return UUID.nameUUIDFromBytes(("order:" + customerId + ":" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String purchaseId(String voterId, String key) {
        return UUID.nameUUIDFromBytes(("purchase:" + voterId + ":" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static JsonNode created(Api.Answer answer) {
        if (answer.outcome() != Outcome.OK) {
            throw new IllegalStateException("setting up the workload failed: " + answer.describe() + " " + answer.body());
        }
        return answer.body();
    }

    private static String key() {
        return "check-" + UUID.randomUUID();
    }
}
