package io.exactsuite.voting.purchase;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.client.PaymentEvent;
import io.exactsuite.common.client.Reply;
import io.exactsuite.common.client.Upstream;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.db.Rows;
import io.exactsuite.common.metrics.SuiteMetrics;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.money.PaymentLimits;
import io.exactsuite.common.payment.PaymentClient;
import io.exactsuite.common.payment.PaymentInbox;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.tx.Transactions;
import io.exactsuite.voting.VotingConfig;
import io.exactsuite.voting.contest.Contest;
import io.exactsuite.voting.contest.ContestService;
import io.exactsuite.voting.tally.CreditBatcher;
import io.exactsuite.voting.tally.Tally;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Seed 000 done right. Votes reach the tally only through {@link CreditBatcher}: a vote_credit row whose
 * primary key is the purchase id, and the tally change, in one transaction. The payment event and the
 * voter's verify can race any number of times; the second insert of that key changes nothing.
 */
@ApplicationScoped
public class PurchaseService {

    @Inject
    Caller caller;
    @Inject
    PaymentLimits paymentLimits;
    @Inject
    ContestService contests;
    @Inject
    PaymentClient payments;
    @Inject
    Tally tally;
    @Inject
    CreditBatcher credits;
    @Inject
    EntityManager em;
    @Inject
    Transactions transactions;
    @Inject
    VotingConfig config;

    /**
     * A contest that is not open answers 409 contest_closed. The rule for late payments: a purchase made
     * while the contest was open counts whenever its payment succeeds, until the payment deadline.
     *
     * <p>Two local commits with the payment call between them, no transaction open during it: (1) record
     * the purchase, commit; (2) create the payment (key {@code purchase:{id}:payment}), record it. The
     * purchase id derives from the voter and the Idempotency-Key, so any retry of this request asks
     * payment-service for the same payment. A refused or unreachable payment abandons the attempt (the
     * purchase is removed) and the caller gets the answer; a retry with the same key starts again.
     *
     * @return the purchase's id; read the purchase in the caller's transaction
     */
    public UUID buy(UUID contestId, BuyVotes request, String idempotencyKey) {
        UUID id = VotePurchase.idFor(caller.id(), idempotencyKey);
        Pending pending = transactions.inRetryingTransaction(() -> record(id, contestId, request));
        if (pending.paymentId() != null) {
            return id;
        }
        try {
            Reply payment = Upstream.reach("payment-service", () -> payments.create(PaymentKeys.payment(id),
                    PaymentKeys.PURPOSE, id.toString(), pending.voterId(), pending.amount()));
            if (!payment.ok()) {
                throw new ApiException(502, "payment_rejected", "Bad gateway", "payment-service refused the payment: "
                        + payment.code());
            }
            transactions.inRetryingTransaction(() -> {
                VotePurchase purchase = lock(id);
                purchase.paymentId = UUID.fromString(payment.text("id"));
                purchase.paymentReference = payment.text("reference");
                purchase.checkoutUrl = payment.text("checkoutUrl");
                purchase.updatedAt = DbTime.now();
                return null;
            });
        } catch (RuntimeException e) {
            transactions.inRetryingTransaction(() -> VotePurchase.delete("id = ?1 and paymentId is null", id));
            throw e;
        }
        return id;
    }

    /** What the payment step needs, read inside the transaction that recorded (or found) the purchase. */
    record Pending(String voterId, Money amount, UUID paymentId) {
    }

    private Pending record(UUID id, UUID contestId, BuyVotes request) {
        VotePurchase existing = VotePurchase.findById(id);
        if (existing != null) {
            return new Pending(existing.voterId, Money.ofColumns(existing.amount, existing.currency), existing.paymentId);
        }
        Contest contest = contests.find(contestId);
        if (!contest.isOpenAt(Instant.now())) {
            throw ApiException.conflict("contest_closed", "Contest " + contestId + " is open from " + contest.opensAt
                    + " until " + contest.closesAt);
        }
        if (contest.contestants.stream().noneMatch(c -> c.id.equals(request.contestantId()))) {
            throw ApiException.unprocessable("unknown_contestant", "Contestant " + request.contestantId()
                    + " is not in contest " + contestId);
        }
        Money amount = contest.price().times(request.votes());
        PaymentLimits.requirePayableTotal(paymentLimits, amount, request.votes() + " votes");
        VotePurchase purchase = new VotePurchase();
        purchase.id = id;
        purchase.contestId = contestId;
        purchase.contestantId = request.contestantId();
        purchase.voterId = caller.id();
        purchase.votes = request.votes();
        purchase.amount = amount.amount();
        purchase.currency = amount.currencyCode();
        purchase.status = PurchaseStatus.PENDING_PAYMENT;
        purchase.createdAt = DbTime.now();
        purchase.updatedAt = purchase.createdAt;
        purchase.persist();
        return new Pending(purchase.voterId, amount, null);
    }

    public VotePurchase find(UUID id) {
        VotePurchase purchase = VotePurchase.findById(id);
        if (purchase == null || !caller.mayActFor(purchase.voterId)) {
            throw ApiException.notFound("Purchase " + id);
        }
        return purchase;
    }

    public List<VotePurchase> mine(UUID contestId, int page, int size) {
        Sort newest = Sort.descending("createdAt");
        var query = contestId == null ? VotePurchase.<VotePurchase>find("voterId", newest, caller.id())
                : VotePurchase.<VotePurchase>find("voterId = ?1 and contestId = ?2", newest, caller.id(), contestId);
        return query.page(page, size).list();
    }

    /** Door 1: payment-service's outbox. Each event id is applied once. */
    @Transactional
    public VotePurchase applyPaymentEvent(UUID id, PaymentEvent event) {
        VotePurchase purchase = VotePurchase.findById(id);
        if (purchase == null) {
            throw ApiException.notFound("Purchase " + id);
        }
        if (purchase.paymentId == null || !purchase.paymentId.equals(event.paymentId())) {
            throw ApiException.unprocessable("payment_mismatch", "Payment " + event.paymentId() + " is not purchase " + id + "'s");
        }
        BigDecimal refunded = refundedAmount(purchase, event.status().name(), event.refundedAmount());
        if (PaymentInbox.firstDelivery(em, "purchase_id", id, event)) {
            apply(purchase, event.status().name(), refunded);
        }
        em.flush(); // a change made above, before re-reading what the committer wrote
        em.refresh(purchase);
        return purchase;
    }

    /**
     * Door 2, step 1, with no transaction open: the voter is back from checkout and payment-service is
     * asked for the truth (it asks the gateway). Empty while the purchase has no payment yet.
     */
    public Optional<Reply> askPaymentService(UUID id) {
        VotePurchase purchase = find(id);
        if (purchase.paymentReference == null) {
            return Optional.empty();
        }
        String reference = purchase.paymentReference;
        Reply verified = Upstream.reach("payment-service", () -> payments.verify(PaymentKeys.verify(id), reference));
        if (!verified.ok()) {
            throw new ApiException(502, "payment_rejected", "Bad gateway", "payment-service could not verify: "
                    + verified.code());
        }
        return Optional.of(verified);
    }

    /** Door 2, step 2, in the caller's transaction: what payment-service said, applied once. */
    @Transactional
    public VotePurchase applyVerified(UUID id, Optional<Reply> answer) {
        VotePurchase purchase = find(id);
        if (answer.isPresent()) {
            Reply verified = answer.get();
            String status = verified.text("status");
            BigDecimal refunded;
            try {
                String text = verified.text("refundedAmount");
                refunded = refundedAmount(purchase, status, text == null ? null : new BigDecimal(text));
            } catch (NumberFormatException | ApiException e) {
                throw new ApiException(502, "payment_rejected", "Bad gateway", "payment-service answered a refunded amount "
                        + "that does not fit purchase " + id + ": " + verified.text("refundedAmount"));
            }
            apply(purchase, status, refunded);
        }
        em.flush(); // a change made above, before re-reading what the committer wrote
        em.refresh(purchase);
        return purchase;
    }

    /**
     * What a refund status says is refunded in total so far: {@code refundedAmount} as sent (cumulative); a
     * REFUNDED without it means everything. Null for statuses that are not refunds.
     */
    private static BigDecimal refundedAmount(VotePurchase purchase, String status, BigDecimal refundedAmount) {
        if (!"REFUNDED".equals(status) && !"PARTIALLY_REFUNDED".equals(status)) {
            return null;
        }
        if (refundedAmount == null) {
            if ("REFUNDED".equals(status)) {
                return purchase.amount;
            }
            throw ApiException.unprocessable("refunded_amount_missing", "A PARTIALLY_REFUNDED event needs refundedAmount");
        }
        if (refundedAmount.signum() < 0 || refundedAmount.compareTo(purchase.amount) > 0) {
            throw ApiException.unprocessable("refunded_amount_invalid", "refundedAmount " + refundedAmount
                    + " is not between 0 and purchase " + purchase.id + "'s amount " + purchase.amount);
        }
        return refundedAmount;
    }

    /**
     * Success goes through the credit committer without holding the purchase's row lock (the committer
     * locks and writes that row); every other transition takes the lock here, and never waits for the
     * committer while holding it.
     */
    private void apply(VotePurchase purchase, String paymentStatus, BigDecimal refunded) {
        switch (paymentStatus) {
            case "SUCCEEDED" -> succeeded(purchase);
            case "FAILED", "CANCELLED" -> {
                VotePurchase locked = lock(purchase.id);
                if (locked.status == PurchaseStatus.PENDING_PAYMENT) {
                    moveTo(locked, PurchaseStatus.FAILED);
                }
            }
            case "PARTIALLY_REFUNDED", "REFUNDED" -> refunded(purchase, refunded);
            case "REFUND_FAILED" -> {
                VotePurchase locked = lock(purchase.id);
                if (locked.status == PurchaseStatus.LATE_REFUND_REQUESTED) {
                    locked.refundNote = "The gateway refused the refund; the money is still captured";
                    moveTo(locked, PurchaseStatus.LATE_REFUND_FAILED);
                }
                // Any other purchase: the money stays captured, so its votes stay.
            }
            default -> {
                // PENDING: nothing to do yet
            }
        }
    }

    /**
     * The payment succeeded. In time (until the contest's closesAt plus {@code voting.payment-grace}) the votes
     * are credited; learned later, nothing is credited and the purchase is marked for an automatic refund,
     * which the caller asks for once this transaction has committed ({@link LateRefunds}).
     */
    private void succeeded(VotePurchase purchase) {
        em.refresh(purchase);
        if (!purchase.status.awaitsSuccess()) {
            return; // credited already, refunded, or being refunded
        }
        Instant deadline = paymentDeadline(purchase);
        if (!DbTime.now().isAfter(deadline)) {
            credits.credit(new CreditBatcher.Credit(purchase.id, purchase.contestantId, purchase.votes));
            return;
        }
        VotePurchase locked = lock(purchase.id);
        if (locked.status.awaitsSuccess()) { // the committer may have credited it in time meanwhile
            locked.refundNote = "Paid after the payment deadline " + deadline + "; the whole amount is refunded";
            moveTo(locked, PurchaseStatus.LATE_REFUND_DUE);
            SuiteMetrics.latePayment("voting", "refunded");
        }
    }

    public Instant paymentDeadline(VotePurchase purchase) {
        Contest contest = Contest.findById(purchase.contestId);
        return contest.closesAt.plus(config.paymentGrace());
    }

    /**
     * A refund the gateway confirmed, {@code refunded} in total so far. Votes kept follow {@link RefundRule};
     * only the difference to what was withdrawn before is withdrawn, under the purchase's row lock, and never
     * given back, so redelivered, reordered or racing refund news withdraws each vote at most once. A refund
     * learned before the success means nothing was ever credited: the purchase ends REFUNDED and a later
     * success credits nothing.
     */
    private void refunded(VotePurchase purchase, BigDecimal refunded) {
        boolean full = refunded.compareTo(purchase.amount) >= 0;
        em.refresh(purchase);
        if (!full && purchase.status.awaitsSuccess()) {
            // Part of the money is still captured, so the payment succeeded: its success counts (or is late) as
            // if it had just been learned; the votes whose price was refunded are withdrawn below.
            succeeded(purchase);
        }
        VotePurchase locked = lock(purchase.id);
        switch (locked.status) {
            case PENDING_PAYMENT, FAILED -> {
                if (full) {
                    locked.refundNote = "Refunded before its success was learned; nothing was credited";
                    moveTo(locked, PurchaseStatus.REFUNDED);
                }
            }
            case CREDITED, PARTIALLY_REFUNDED ->
                    withdrawTo(locked, RefundRule.votesWithdrawn(locked.amount, locked.votes, refunded));
            case LATE_REFUND_DUE, LATE_REFUND_REQUESTED, LATE_REFUND_FAILED -> {
                if (full) {
                    locked.refundNote = "Paid after the payment deadline and refunded; nothing was credited";
                    moveTo(locked, PurchaseStatus.REFUNDED);
                }
            }
            case REFUNDED -> {
                // final
            }
        }
    }

    /**
     * Raises the purchase's withdrawn votes to {@code target}, taking only the difference from the tally, in
     * the caller's transaction and under the purchase's row lock. The credit row stays; once every vote is
     * withdrawn it is marked withdrawn.
     */
    private void withdrawTo(VotePurchase locked, int target) {
        if (target <= locked.votesWithdrawn) {
            return; // this much (or more) is withdrawn already: a redelivered or older refund
        }
        tally.withdraw(locked.contestantId, target - locked.votesWithdrawn);
        // Status and count change together: the native statement below flushes the entity first.
        locked.votesWithdrawn = target;
        moveTo(locked, target == locked.votes ? PurchaseStatus.REFUNDED : PurchaseStatus.PARTIALLY_REFUNDED);
        if (target == locked.votes) {
            em.createNativeQuery("UPDATE vote_credit SET withdrawn_at = ?2 WHERE purchase_id = ?1 AND withdrawn_at IS NULL")
                    .setParameter(1, locked.id).setParameter(2, Timestamp.from(DbTime.now())).executeUpdate();
        }
    }

    private static void moveTo(VotePurchase purchase, PurchaseStatus status) {
        purchase.status = status;
        purchase.updatedAt = DbTime.now();
    }

    /**
     * The purchase row, locked and re-read: an earlier copy in this transaction may be stale. PESSIMISTIC_WRITE,
     * which Hibernate takes on PostgreSQL as FOR NO KEY UPDATE: the lock the credit committer's UPDATE takes too,
     * so the two exclude each other; it does not wait for the key-share locks that concurrent requests'
     * payment_event inserts hold on the row, so two events for one purchase cannot deadlock.
     */
    private VotePurchase lock(UUID id) {
        em.flush(); // changes made to the purchase so far in this transaction survive the re-read
        return Rows.lockFresh(em, VotePurchase.class, id, "Purchase");
    }
}
