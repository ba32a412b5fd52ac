package io.exactsuite.voting.purchase;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.client.PaymentEvent;
import io.exactsuite.common.client.Reply;
import io.exactsuite.common.client.Upstream;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.voting.contest.Contest;
import io.exactsuite.voting.contest.ContestService;
import io.exactsuite.voting.payment.PaymentClient;
import io.exactsuite.voting.tally.CreditBatcher;
import io.exactsuite.voting.tally.Tally;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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
    ContestService contests;
    @Inject
    PaymentClient payments;
    @Inject
    Tally tally;
    @Inject
    CreditBatcher credits;
    @Inject
    EntityManager em;

    /**
     * A contest that is not open answers 409 contest_closed. The rule for late payments: a purchase made
     * while the contest was open counts whenever its payment succeeds, even after closing.
     */
    @Transactional
    public VotePurchase buy(UUID contestId, BuyVotes request) {
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
        VotePurchase purchase = new VotePurchase();
        purchase.id = UUID.randomUUID();
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

        Reply payment = Upstream.reach("payment-service", () -> payments.create(purchase.id, purchase.voterId, amount));
        if (!payment.ok()) {
            throw new ApiException(502, "payment_rejected", "Bad gateway", "payment-service refused the payment: "
                    + payment.code());
        }
        purchase.paymentId = UUID.fromString(payment.text("id"));
        purchase.paymentReference = payment.text("reference");
        purchase.checkoutUrl = payment.text("checkoutUrl");
        return purchase;
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
        int first = em.createNativeQuery("""
                INSERT INTO payment_event (event_id, purchase_id, status, received_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, event.eventId()).setParameter(2, id).setParameter(3, event.status().name())
                .setParameter(4, Timestamp.from(DbTime.now())).executeUpdate();
        if (first == 1) {
            apply(purchase, event.status().name());
        }
        em.flush(); // a FAILED or REFUNDED change made above, before re-reading what the committer wrote
        em.refresh(purchase);
        return purchase;
    }

    /** Door 2: the voter back from checkout; payment-service asks the gateway and answers the truth. */
    @Transactional
    public VotePurchase verify(UUID id) {
        VotePurchase purchase = find(id);
        if (purchase.paymentReference != null) {
            Reply verified = Upstream.reach("payment-service", () -> payments.verify(purchase.id, purchase.paymentReference));
            if (!verified.ok()) {
                throw new ApiException(502, "payment_rejected", "Bad gateway", "payment-service could not verify: "
                        + verified.code());
            }
            apply(purchase, verified.text("status"));
        }
        em.flush(); // a FAILED or REFUNDED change made above, before re-reading what the committer wrote
        em.refresh(purchase);
        return purchase;
    }

    /**
     * Success goes through the credit committer without holding the purchase's row lock (the committer
     * writes that row); the rare failure and refund transitions take the lock here.
     */
    private void apply(VotePurchase purchase, String paymentStatus) {
        switch (paymentStatus) {
            case "SUCCEEDED", "PARTIALLY_REFUNDED" ->
                    credits.credit(new CreditBatcher.Credit(purchase.id, purchase.contestantId, purchase.votes));
            case "FAILED", "CANCELLED" -> {
                VotePurchase locked = lock(purchase.id);
                if (locked.status == PurchaseStatus.PENDING_PAYMENT) {
                    moveTo(locked, PurchaseStatus.FAILED);
                }
            }
            case "REFUNDED" -> withdraw(lock(purchase.id));
            default -> {
                // PENDING: nothing to do yet
            }
        }
    }

    /** A refunded purchase's votes leave the tally once; its credit row stays, marked withdrawn. */
    private void withdraw(VotePurchase purchase) {
        int withdrawn = em.createNativeQuery(
                "UPDATE vote_credit SET withdrawn_at = ?2 WHERE purchase_id = ?1 AND withdrawn_at IS NULL")
                .setParameter(1, purchase.id).setParameter(2, Timestamp.from(DbTime.now())).executeUpdate();
        if (withdrawn == 1) {
            tally.withdraw(purchase.contestantId, purchase.votes);
        }
        if (purchase.status != PurchaseStatus.REFUNDED) {
            moveTo(purchase, PurchaseStatus.REFUNDED);
        }
    }

    private static void moveTo(VotePurchase purchase, PurchaseStatus status) {
        purchase.status = status;
        purchase.updatedAt = DbTime.now();
    }

    /** The purchase row, locked and re-read: an earlier copy in this transaction may be stale. */
    private VotePurchase lock(UUID id) {
        VotePurchase purchase = VotePurchase.findById(id);
        if (purchase == null) {
            throw ApiException.notFound("Purchase " + id);
        }
        em.refresh(purchase, LockModeType.PESSIMISTIC_WRITE);
        return purchase;
    }
}
