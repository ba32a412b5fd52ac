package io.exactsuite.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.exactsuite.check.Cluster.Service;
import io.exactsuite.check.Workload.Checkout;
import io.exactsuite.check.Workload.Customer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The checker's verdicts, each read through the services' own APIs once the faults have stopped and the
 * suite has had a quiet period: stock, points, votes and money each conserved, every acknowledged
 * operation's effect present exactly once, every unknown one wholly present or wholly absent, and
 * nothing left between the steps of a saga.
 */
final class Invariants {

    private static final Set<String> PAID = Set.of("PAID", "FULFILLED");
    private static final Set<String> CAPTURED = Set.of("SUCCEEDED", "PARTIALLY_REFUNDED", "REFUNDED");

    private final Target cluster;
    private final Workload workload;
    /** Each order the workload may have created, as the order service has it now (absent ones left out). */
    private final Map<String, JsonNode> orders = new HashMap<>();
    private final Map<String, JsonNode> purchases = new HashMap<>();

    Invariants(Target cluster, Workload workload) {
        this.cluster = cluster;
        this.workload = workload;
    }

    /**
     * Waits (bounded, polling: the suite settles on its own clocks: expiry, completer, outbox) until no order
     * is between saga steps and payment-service's outbox is empty. Returns whether it settled.
     */
    boolean awaitQuiet(long maxMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while (System.nanoTime() < deadline) {
            if (settled()) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
        return false;
    }

    private boolean settled() {
        JsonNode pending = Api.get(cluster.url(Service.PAYMENT) + "/outbox?status=PENDING", Cluster.ADMIN).body();
        if (!pending.isArray() || !pending.isEmpty()) {
            return false;
        }
        for (Checkout checkout : workload.checkouts) {
            if (checkout.outcome() == Outcome.FAIL) {
                continue;
            }
            Api.Answer order = Api.get(cluster.url(Service.ORDER) + "/orders/" + checkout.orderId(), Cluster.ADMIN);
            if (order.status() != 200 && order.status() != 404) {
                return false; // order-service not answering yet
            }
            if (order.status() == 200 && (order.body().hasNonNull("transition")
                    || "PENDING_PAYMENT".equals(order.text("status")))) {
                return false;
            }
        }
        return true;
    }

    List<InvariantResult> check() {
        readOrdersAndPurchases();
        List<InvariantResult> results = new ArrayList<>();
        results.add(acknowledgedCheckoutsExactlyOnce());
        results.add(inventoryConserved());
        results.add(nothingBetweenSagaSteps());
        results.add(pointsConserved());
        results.add(orderPointsTakenAtMostOnce());
        results.add(spendsExactlyOnce());
        results.add(sameKeySameAnswer());
        results.add(votesCountedOnce());
        results.add(moneyConserved());
        results.add(outboxDrained());
        return results;
    }

    private void readOrdersAndPurchases() {
        for (Checkout checkout : workload.checkouts) {
            Api.Answer order = Api.get(cluster.url(Service.ORDER) + "/orders/" + checkout.orderId(), Cluster.ADMIN);
            if (order.status() == 200) {
                orders.put(checkout.orderId(), order.body());
            }
        }
        for (Workload.VotePurchase purchase : workload.purchases) {
            Api.Answer found = Api.get(cluster.url(Service.VOTING) + "/purchases/" + purchase.purchaseId(), Cluster.ADMIN);
            if (found.status() == 200) {
                purchases.put(purchase.purchaseId(), found.body());
            }
        }
    }

    private InvariantResult acknowledgedCheckoutsExactlyOnce() {
        String name = "checkouts-present-exactly-once";
        String description = "an acknowledged checkout's order exists, a refused one does not, an unknown one wholly or not at all;"
                + " two requests with one key name one order";
        List<String> bad = new ArrayList<>();
        for (Checkout checkout : workload.checkouts) {
            boolean present = orders.containsKey(checkout.orderId());
            if (checkout.outcome() == Outcome.OK && !present) {
                bad.add("checkout " + checkout.key() + " was acknowledged but order " + checkout.orderId() + " does not exist");
            }
            if (checkout.outcome() == Outcome.FAIL && present && !isSameKeyPair(checkout.key())) {
                bad.add("checkout " + checkout.key() + " was refused but order " + checkout.orderId() + " exists");
            }
            if (present && orders.get(checkout.orderId()).path("lines").size() != 1) {
                bad.add("order " + checkout.orderId() + " is partial: " + orders.get(checkout.orderId()).path("lines"));
            }
        }
        for (Workload.SameKeyPair pair : workload.sameKeyPairs) {
            if (pair.first() != null && pair.second() != null && !pair.first().equals(pair.second())) {
                bad.add("one key " + pair.key() + " answered two orders: " + pair.first() + " and " + pair.second());
            }
        }
        return verdict(name, description, workload.checkouts.size(), bad);
    }

    private boolean isSameKeyPair(String key) {
        return workload.sameKeyPairs.stream().anyMatch(pair -> pair.key().equals(key));
    }

    private InvariantResult inventoryConserved() {
        String name = "inventory-conserved";
        String description = "per product: sold + reserved <= capacity, sold = units of PAID orders, nothing reserved once settled";
        Map<String, Long> paidUnits = new HashMap<>();
        for (Checkout checkout : workload.checkouts) {
            JsonNode order = orders.get(checkout.orderId());
            if (order != null && PAID.contains(order.path("status").asText())) {
                paidUnits.merge(checkout.product(), (long) checkout.quantity(), Long::sum);
            }
        }
        List<String> bad = new ArrayList<>();
        List<String> products = new ArrayList<>(workload.hotProducts);
        products.add(workload.room);
        for (String product : products) {
            JsonNode audit = Api.get(cluster.url(Service.ORDER) + "/products/" + product + "/audit", Cluster.ADMIN).body();
            long capacity = audit.path("capacity").asLong();
            long sold = audit.path("sold").asLong();
            long reserved = audit.path("reserved").asLong();
            if (sold + reserved > capacity) {
                bad.add("product " + product + " oversold: sold " + sold + " + reserved " + reserved + " > capacity " + capacity);
            }
            if (sold != paidUnits.getOrDefault(product, 0L)) {
                bad.add("product " + product + " sold " + sold + " but PAID orders hold " + paidUnits.getOrDefault(product, 0L));
            }
            if (reserved != 0) {
                bad.add("product " + product + " still has " + reserved + " reserved after the quiet period");
            }
            if (!audit.path("consistent").asBoolean()) {
                bad.add("product " + product + " audit inconsistent: " + audit);
            }
        }
        return verdict(name, description, products.size(), bad);
    }

    private InvariantResult nothingBetweenSagaSteps() {
        List<String> bad = new ArrayList<>();
        orders.forEach((id, order) -> {
            if (order.hasNonNull("transition")) {
                bad.add("order " + id + " still in the middle of " + order.path("transition").asText() + " ("
                        + order.path("status").asText() + ")");
            }
            if ("PENDING_PAYMENT".equals(order.path("status").asText())) {
                bad.add("order " + id + " still PENDING_PAYMENT after the quiet period");
            }
        });
        return verdict("nothing-between-saga-steps", "after the quiet period no order is mid-change or waiting for a payment",
                orders.size(), bad);
    }

    private InvariantResult pointsConserved() {
        List<String> bad = new ArrayList<>();
        for (Customer customer : workload.customers) {
            JsonNode audit = Api.get(cluster.url(Service.POINTS) + "/accounts/" + customer.account() + "/audit",
                    Cluster.ADMIN).body();
            if (!audit.path("consistent").asBoolean()) {
                bad.add("account " + customer.account() + " inconsistent: " + audit);
            }
            if (audit.path("balance").asLong() < 0) {
                bad.add("account " + customer.account() + " negative: " + audit.path("balance").asLong());
            }
            if (audit.path("held").asLong() != 0) {
                bad.add("account " + customer.account() + " still holds " + audit.path("held").asLong() + " after the quiet period");
            }
        }
        return verdict("points-conserved", "every account: balance = sum of its ledger >= 0, nothing held once settled",
                workload.customers.size(), bad);
    }

    private InvariantResult orderPointsTakenAtMostOnce() {
        Map<String, Long> byReference = ledgerReferences();
        List<String> bad = new ArrayList<>();
        long checked = 0;
        for (Checkout checkout : workload.checkouts) {
            JsonNode order = orders.get(checkout.orderId());
            if (order == null || checkout.points() == 0) {
                continue;
            }
            checked++;
            String prefix = "order:" + checkout.orderId() + ":";
            long taken = byReference.getOrDefault(prefix + "points-capture", 0L) + byReference.getOrDefault(prefix + "points-spend", 0L);
            long returned = byReference.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix + "points-return"))
                    .mapToLong(Map.Entry::getValue).sum();
            String status = order.path("status").asText();
            long kept = taken - returned; // a hold captured, given back on cancel, then spent by a late payment: 2 - 1
            if (PAID.contains(status) ? kept != 1 : kept != 0) {
                bad.add("order " + checkout.orderId() + " is " + status + ": its points were taken " + taken + " times and returned "
                        + returned + " times");
            }
        }
        return verdict("order-points-taken-at-most-once",
                "an order's redeemed points leave the account at most once, and come back when the order did not stand", checked, bad);
    }

    private InvariantResult spendsExactlyOnce() {
        Map<String, Long> byReference = ledgerReferences();
        List<String> bad = new ArrayList<>();
        for (Workload.Spend spend : workload.spends) {
            long entries = byReference.getOrDefault(spend.key(), 0L);
            if (spend.outcome() == Outcome.OK && entries != 1) {
                bad.add("spend " + spend.key() + " acknowledged, " + entries + " ledger entries");
            } else if (spend.outcome() == Outcome.FAIL && entries != 0) {
                bad.add("spend " + spend.key() + " refused, " + entries + " ledger entries");
            } else if (entries > 1) {
                bad.add("spend " + spend.key() + " unknown, " + entries + " ledger entries");
            }
        }
        return verdict("spends-exactly-once", "an acknowledged spend is one ledger entry, a refused one none, an unknown one at most one",
                workload.spends.size(), bad);
    }

    private InvariantResult sameKeySameAnswer() {
        List<String> bad = new ArrayList<>();
        for (Workload.SameKeyAnswers pair : workload.sameKeyAnswers) {
            if (pair.first() == Outcome.UNKNOWN || pair.second() == Outcome.UNKNOWN) {
                continue; // nothing definite to compare
            }
            if (pair.first() != pair.second() || (pair.firstId() != null && !pair.firstId().equals(pair.secondId()))) {
                bad.add("request " + pair.key() + " sent twice with one key answered " + pair.first() + " " + pair.firstId()
                        + " and " + pair.second() + " " + pair.secondId());
            } else if (pair.first() == Outcome.OK && !pair.secondReplayed()) {
                // The same answer, but worked out again: the key was not remembered (the service's own state happened
                // to make the second run agree, which a request whose effect is not keyed by the key would not).
                bad.add("request " + pair.key() + " sent again after its answer was answered afresh, not replayed: "
                        + pair.first() + " " + pair.firstId());
            }
        }
        return verdict("same-key-same-answer", "a request sent again with its Idempotency-Key (at once, or after the first answer) gets the same answer",
                workload.sameKeyAnswers.size(), bad);
    }

    private Map<String, Long> cachedReferences;

    /** Every ledger entry's business reference, counted, across the checker's accounts. */
    private Map<String, Long> ledgerReferences() {
        if (cachedReferences != null) {
            return cachedReferences;
        }
        Map<String, Long> counts = new HashMap<>();
        for (Customer customer : workload.customers) {
            for (int page = 0;; page++) {
                JsonNode entries = Api.get(cluster.url(Service.POINTS) + "/accounts/" + customer.account() + "/entries?size=100&page="
                        + page, Cluster.ADMIN).body().path("items");
                entries.forEach(entry -> {
                    if (entry.hasNonNull("reference")) {
                        counts.merge(entry.path("reference").asText(), 1L, Long::sum);
                    }
                });
                if (entries.size() < 100) {
                    break;
                }
            }
        }
        cachedReferences = counts;
        return counts;
    }

    private InvariantResult votesCountedOnce() {
        String name = "votes-counted-once";
        Map<String, Long> credited = new HashMap<>();
        List<String> bad = new ArrayList<>();
        for (Workload.VotePurchase purchase : workload.purchases) {
            JsonNode found = purchases.get(purchase.purchaseId());
            if (purchase.outcome() == Outcome.OK && found == null) {
                bad.add("purchase " + purchase.purchaseId() + " acknowledged but missing");
            }
            if (found != null && "CREDITED".equals(found.path("status").asText())) {
                credited.merge(found.path("contestantId").asText(), found.path("votes").asLong(), Long::sum);
            }
        }
        JsonNode board = Api.get(cluster.url(Service.VOTING) + "/contests/" + workload.contest + "/leaderboard", Cluster.ADMIN).body();
        for (JsonNode standing : board) {
            String contestant = standing.path("contestantId").asText();
            long votes = standing.path("votes").asLong();
            if (votes != credited.getOrDefault(contestant, 0L)) {
                bad.add("contestant " + contestant + " has " + votes + " votes, credited purchases hold "
                        + credited.getOrDefault(contestant, 0L));
            }
        }
        for (JsonNode line : Api.get(cluster.url(Service.VOTING) + "/contests/" + workload.contest + "/audit", Cluster.ADMIN).body()) {
            if (!line.path("consistent").asBoolean()) {
                bad.add("contest audit inconsistent: " + line);
            }
        }
        return verdict(name, "votes per contestant = sum of credited purchases (tally and leaderboard agree)",
                workload.purchases.size(), bad);
    }

    private InvariantResult moneyConserved() {
        List<String> bad = new ArrayList<>();
        BigDecimal kept = BigDecimal.ZERO;
        BigDecimal owed = BigDecimal.ZERO;
        long checked = 0;
        for (JsonNode order : orders.values()) {
            BigDecimal expected = PAID.contains(order.path("status").asText()) ? new BigDecimal(order.path("amountDue").asText())
                    : BigDecimal.ZERO;
            BigDecimal net = netCaptured(order.path("paymentId").asText(null), "order " + order.path("id").asText(), bad);
            BigDecimal[] direct = workload.directRefunds.get(order.path("paymentId").asText(""));
            if (direct != null && expected.signum() > 0) {
                // Refunded at payment-service by an admin, not through the order: it stands for its amount less
                // what those refunds gave back — at least the acknowledged ones, at most every one attempted.
                BigDecimal givenBack = expected.subtract(net);
                if (givenBack.compareTo(direct[0]) >= 0 && givenBack.compareTo(direct[1]) <= 0) {
                    expected = net;
                }
            }
            checked++;
            kept = kept.add(net);
            owed = owed.add(expected);
            if (net.compareTo(expected) != 0) {
                bad.add("order " + order.path("id").asText() + " is " + order.path("status").asText() + ": payment keeps " + net
                        + ", the order stands for " + expected);
            }
        }
        for (JsonNode purchase : purchases.values()) {
            BigDecimal expected = "CREDITED".equals(purchase.path("status").asText())
                    ? new BigDecimal(purchase.path("amount").asText()) : BigDecimal.ZERO;
            BigDecimal net = netCaptured(purchase.path("paymentId").asText(null), "purchase " + purchase.path("id").asText(), bad);
            checked++;
            kept = kept.add(net);
            owed = owed.add(expected);
            if (net.compareTo(expected) != 0) {
                bad.add("purchase " + purchase.path("id").asText() + " is " + purchase.path("status").asText() + ": payment keeps "
                        + net + ", the purchase stands for " + expected);
            }
        }
        if (kept.compareTo(owed) != 0) {
            bad.add("EUR: captured - refunded = " + kept + ", PAID orders + credited purchases = " + owed);
        }
        BigDecimal booked = BigDecimal.ZERO;
        JsonNode audit = Api.get(cluster.url(Service.PAYMENT) + "/payments/audit?since=" + workload.startedAt, Cluster.ADMIN).body();
        for (JsonNode line : audit) {
            if (!line.path("consistent").asBoolean() || new BigDecimal(line.path("refunding").asText()).signum() != 0) {
                bad.add("payment audit: " + line);
            }
            if ("EUR".equals(line.path("currency").asText())) {
                booked = booked.add(new BigDecimal(line.path("net").asText()));
            } else {
                bad.add("payment audit: a currency the workload never used: " + line);
            }
        }
        if (booked.compareTo(owed) != 0) {
            bad.add("EUR: payment-service's books keep " + booked + " since " + workload.startedAt
                    + ", PAID orders + credited purchases = " + owed);
        }
        return verdict("money-conserved", "per payment and in total (EUR), in payment-service's own audit and at the"
                + " gateway: captured - refunded = what PAID orders and credited purchases stand for; no refund left half done", checked, bad);
    }

    private BigDecimal netCaptured(String paymentId, String owner, List<String> bad) {
        if (paymentId == null) {
            return BigDecimal.ZERO;
        }
        JsonNode payment = Api.get(cluster.url(Service.PAYMENT) + "/payments/" + paymentId, Cluster.ADMIN).body();
        if (new BigDecimal(payment.path("refundingAmount").asText("0")).signum() != 0) {
            bad.add(owner + ": payment " + paymentId + " has a refund still in flight");
        }
        BigDecimal net = CAPTURED.contains(payment.path("status").asText())
                ? new BigDecimal(payment.path("amount").asText()).subtract(new BigDecimal(payment.path("refundedAmount").asText("0")))
                : BigDecimal.ZERO;
        BigDecimal atGateway = heldAtGateway(payment.path("checkoutUrl").asText());
        if (atGateway.compareTo(net) != 0) {
            bad.add(owner + ": payment " + paymentId + " (" + payment.path("status").asText() + ") keeps " + net
                    + ", the gateway holds " + atGateway + " for its charge");
        }
        return net;
    }

    /** What the gateway itself captured and did not give back for the charge behind a checkout URL. */
    private BigDecimal heldAtGateway(String checkoutUrl) {
        String charge = checkoutUrl.substring(checkoutUrl.lastIndexOf('/') + 1);
        JsonNode view = Api.get(cluster.gatewayUrl() + "/v1/charges/" + charge, cluster.gatewayKey()).body();
        if (!"success".equals(view.path("status").asText())) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(view.path("amount").asText()).subtract(new BigDecimal(view.path("refundedAmount").asText("0")));
    }

    private InvariantResult outboxDrained() {
        List<String> bad = new ArrayList<>();
        for (String status : List.of("PENDING", "DEAD")) {
            JsonNode events = Api.get(cluster.url(Service.PAYMENT) + "/outbox?status=" + status + "&size=200", Cluster.ADMIN).body();
            events.forEach(event -> bad.add(status + " outbox event " + event));
        }
        return verdict("outbox-drained", "every payment event delivered to its owner: none pending, none dead", 2, bad);
    }

    private static InvariantResult verdict(String name, String description, long checked, List<String> counterexamples) {
        return counterexamples.isEmpty() ? InvariantResult.pass(name, description, checked)
                : InvariantResult.fail(name, description, checked, counterexamples);
    }
}
