package io.exactsuite.voting.purchase;

import io.exactsuite.common.client.Reply;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.db.Rows;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.payment.PaymentClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Refunds, automatically, the payments that succeeded after their contest's payment deadline. The purchase was
 * marked LATE_REFUND_DUE in a local commit; the refund call sits between two more: a short transaction claims
 * the purchase (row lock, {@code SKIP LOCKED}, and a lease so another replica leaves it alone while the call is
 * in flight), the call runs with no transaction open, and another short transaction records what
 * payment-service answered, read by its problem code. The Idempotency-Key {@code purchase:{id}:late-refund} is
 * derived, so a retried call books one refund. Anything not settled stays LATE_REFUND_DUE for the job.
 */
@ApplicationScoped
public class LateRefunds {

    private static final Logger LOG = Logger.getLogger(LateRefunds.class);
    /** Longer than a call with its retries can take. */
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    static final int BATCH = 20;

    @Inject
    EntityManager em;
    @Inject
    PaymentClient payments;

    /** What a claimed purchase's refund needs, read while it was claimed. */
    record Claim(UUID purchaseId, UUID paymentId, Money amount, int attempt) {
    }

    /** What payment-service's answers decided for the purchase. */
    record Decision(PurchaseStatus status, String note) {
    }

    @Scheduled(identity = "late-refunds", every = "${voting.late-refund-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryDue() {
        List<Claim> claims = QuarkusTransaction.requiringNew().call(() -> claimDue(BATCH));
        for (Claim claim : claims) {
            refund(claim);
        }
    }

    /** Asks for one purchase's late refund now, if it is due and nobody else is asking; called after the commit that marked it. */
    public void attempt(UUID purchaseId) {
        Claim claim = QuarkusTransaction.requiringNew().call(() -> claimOne(purchaseId));
        if (claim != null) {
            refund(claim);
        }
    }

    private List<Claim> claimDue(int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                SELECT id FROM vote_purchase
                WHERE status = 'LATE_REFUND_DUE' AND (refund_claimed_until IS NULL OR refund_claimed_until <= ?1)
                ORDER BY updated_at LIMIT ?2 FOR NO KEY UPDATE SKIP LOCKED""", UUID.class)
                .setParameter(1, Timestamp.from(DbTime.now())).setParameter(2, limit).getResultList();
        List<Claim> claims = new ArrayList<>();
        for (UUID id : ids) {
            claims.add(lease(VotePurchase.findById(id)));
        }
        return claims;
    }

    private Claim claimOne(UUID purchaseId) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                SELECT id FROM vote_purchase
                WHERE id = ?1 AND status = 'LATE_REFUND_DUE' AND (refund_claimed_until IS NULL OR refund_claimed_until <= ?2)
                FOR NO KEY UPDATE SKIP LOCKED""", UUID.class)
                .setParameter(1, purchaseId).setParameter(2, Timestamp.from(DbTime.now())).getResultList();
        return ids.isEmpty() ? null : lease(VotePurchase.findById(ids.get(0)));
    }

    private Claim lease(VotePurchase purchase) {
        purchase.refundAttempts++;
        purchase.refundClaimedUntil = DbTime.now().plus(LEASE);
        return new Claim(purchase.id, purchase.paymentId, Money.ofColumns(purchase.amount, purchase.currency),
                purchase.refundAttempts);
    }

    /** No transaction is open here: the calls run between the claim's commit and the record's. */
    private void refund(Claim claim) {
        if (QuarkusTransaction.isActive()) {
            throw new IllegalStateException("A late refund must not call payment-service inside a transaction");
        }
        Decision decision;
        try {
            decision = decide(claim);
        } catch (RuntimeException e) { // down, slow, circuit open, 5xx: the job tries again
            LOG.warnf("Late refund of purchase %s not requested yet (attempt %d): %s", claim.purchaseId(), claim.attempt(),
                    e.toString());
            decision = new Decision(PurchaseStatus.LATE_REFUND_DUE, "payment-service unavailable: " + e.getMessage());
        }
        Decision decided = decision;
        QuarkusTransaction.requiringNew().run(() -> record(claim, decided));
    }

    private Decision decide(Claim claim) {
        Reply reply = payments.refund(PaymentKeys.lateRefund(claim.purchaseId()), claim.paymentId(), claim.amount());
        if (reply.ok()) {
            return requested(reply);
        }
        return switch (reply.code()) {
            case "refund_exceeds_captured" -> afterExceedsCaptured(claim);
            case "payment_not_refundable" -> afterNotRefundable(claim);
            default -> new Decision(PurchaseStatus.LATE_REFUND_FAILED,
                    "payment-service refused the refund: " + reply.status() + " " + reply.code());
        };
    }

    private static Decision requested(Reply reply) {
        return new Decision(PurchaseStatus.LATE_REFUND_REQUESTED, "Paid after the payment deadline; refund "
                + reply.text("id") + " requested, waiting for the gateway to confirm it");
    }

    /**
     * Less can be refunded than asked for: someone refunded, or is refunding, part or all of it. Read the
     * payment; if nothing is left, the whole amount is on its way back and the REFUNDED event will say so;
     * otherwise ask for what is left (refundable = amount − refunded − refunding).
     */
    private Decision afterExceedsCaptured(Claim claim) {
        Reply payment = payments.get(claim.paymentId());
        if (!payment.ok()) {
            return new Decision(PurchaseStatus.LATE_REFUND_DUE, "refund_exceeds_captured, and the payment could not be read: "
                    + payment.code());
        }
        String status = payment.text("status");
        BigDecimal gone = amountOf(payment, "refundedAmount").add(amountOf(payment, "refundingAmount"));
        BigDecimal rest = amountOf(payment, "amount").subtract(gone);
        if ("REFUNDED".equals(status) || rest.signum() <= 0) {
            return waitingForRefundedEvent(gone);
        }
        if (!"SUCCEEDED".equals(status) && !"PARTIALLY_REFUNDED".equals(status)) {
            return new Decision(PurchaseStatus.LATE_REFUND_FAILED, "refund_exceeds_captured, yet the payment is " + status
                    + " with " + gone.toPlainString() + " refunded or being refunded");
        }
        Money remaining = Money.parse(rest, claim.amount().currencyCode(), "amount");
        Reply reply = payments.refund(PaymentKeys.lateRefundOfRest(claim.purchaseId(), gone), claim.paymentId(), remaining);
        if (reply.ok()) {
            return requested(reply);
        }
        return new Decision(PurchaseStatus.LATE_REFUND_DUE, "refund of the remaining " + remaining + " refused: "
                + reply.code() + "; retried");
    }

    private static BigDecimal amountOf(Reply payment, String field) {
        String text = payment.text(field);
        return text == null ? BigDecimal.ZERO : new BigDecimal(text);
    }

    /** The payment is in no state to refund. Read which. */
    private Decision afterNotRefundable(Claim claim) {
        Reply payment = payments.get(claim.paymentId());
        if (!payment.ok()) {
            return new Decision(PurchaseStatus.LATE_REFUND_DUE, "payment_not_refundable, and the payment could not be read: "
                    + payment.code());
        }
        String status = payment.text("status");
        return switch (status == null ? "" : status) {
            case "REFUNDED" -> waitingForRefundedEvent(amountOf(payment, "refundedAmount"));
            case "FAILED", "CANCELLED" -> new Decision(PurchaseStatus.LATE_REFUND_FAILED,
                    "payment_not_refundable: payment-service says the payment is " + status
                            + " although its success was reported; nothing captured to refund?");
            default -> new Decision(PurchaseStatus.LATE_REFUND_DUE, "payment_not_refundable while the payment is "
                    + status + "; retried");
        };
    }

    private static Decision waitingForRefundedEvent(BigDecimal refunded) {
        return new Decision(PurchaseStatus.LATE_REFUND_REQUESTED, "Paid after the payment deadline; payment-service "
                + "shows " + refunded.toPlainString() + " refunded or being refunded, all of it; waiting for the REFUNDED event");
    }

    /** Records the answer, unless the purchase moved on meanwhile (say, the REFUNDED event came first). */
    private void record(Claim claim, Decision decision) {
        VotePurchase purchase = Rows.lockFresh(em, VotePurchase.class, claim.purchaseId(), "Purchase");
        if (purchase.status != PurchaseStatus.LATE_REFUND_DUE) {
            return;
        }
        Instant now = DbTime.now();
        purchase.refundNote = decision.note();
        if (decision.status() == PurchaseStatus.LATE_REFUND_DUE) {
            purchase.refundClaimedUntil = now.plus(backoff(claim.attempt()));
        } else {
            purchase.refundClaimedUntil = null;
            purchase.status = decision.status();
            purchase.updatedAt = now;
            if (decision.status() == PurchaseStatus.LATE_REFUND_FAILED) {
                LOG.errorf("Late refund of purchase %s needs an operator: %s", purchase.id, decision.note());
            }
        }
    }

    /** 1 s, 2 s, 4 s, ... up to 10 minutes between attempts. */
    static Duration backoff(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 10);
        Duration delay = Duration.ofSeconds(1L << doublings);
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }
}
