package io.exactsuite.payment.refund;

import io.exactsuite.common.client.PaymentEvent;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.retry.Backoff;
import io.exactsuite.payment.PaymentConfig;
import io.exactsuite.payment.gateway.GatewayRefund;
import io.exactsuite.payment.gateway.GatewayRejected;
import io.exactsuite.payment.gateway.PaymentGateway;
import io.exactsuite.payment.outbox.Outbox;
import io.exactsuite.payment.payment.Payment;
import io.exactsuite.payment.payment.PaymentService;
import io.exactsuite.payment.payment.PaymentStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Refunds in three steps, with no transaction open while the gateway is asked. <b>Book</b>, under the
 * payment's row lock: the amount is reserved ({@code refunding_amount}) so concurrent refunds can never
 * pass what was captured. <b>Execute</b>: claim the refund under a lease, ask the gateway (keyed by the
 * refund's id, so it refunds once however often we ask), then record its answer. <b>Record</b>: the
 * gateway confirmed → refunded, announced to the owner; refused → FAILED, the reservation released,
 * the owner hears REFUND_FAILED, never retried; pending or unreachable → asked again later with backoff.
 */
@ApplicationScoped
public class RefundService {

    private static final Logger LOG = Logger.getLogger(RefundService.class);

    @Inject
    PaymentService payments;
    @Inject
    PaymentGateway gateway;
    @Inject
    Outbox outbox;
    @Inject
    EntityManager em;
    @Inject
    PaymentConfig config;
    @Inject
    MeterRegistry metrics;

    @Transactional
    public Refund book(UUID paymentId, RefundRequest request) {
        Payment payment = payments.lock(payments.find(paymentId).id);
        Money amount = Money.parse(request.amount(), payment.currency, "amount");
        if (!amount.isPositive()) {
            throw ApiException.invalidField("amount", "must be greater than 0");
        }
        if (payment.status != PaymentStatus.SUCCEEDED && payment.status != PaymentStatus.PARTIALLY_REFUNDED) {
            throw ApiException.conflict("payment_not_refundable", "Payment " + paymentId + " is " + payment.status);
        }
        if (amount.compareTo(payment.refundable()) > 0) {
            throw new ApiException(409, "refund_exceeds_captured", "Conflict", "Only " + payment.refundable()
                    + " of payment " + paymentId + " can still be refunded",
                    java.util.Map.of("refundable", payment.refundable().amount().toPlainString()));
        }
        payment.refundingAmount = payment.refunding().plus(amount).amount();
        payment.updatedAt = DbTime.now();
        Refund refund = new Refund();
        refund.id = UUID.randomUUID();
        refund.paymentId = payment.id;
        refund.amount = amount.amount();
        refund.status = RefundStatus.PENDING;
        refund.createdAt = DbTime.now();
        refund.nextAttemptAt = refund.createdAt;
        refund.persist();
        return refund;
    }

    /** What one execution holds under its lease. */
    record Claimed(UUID refundId, String gatewayRefundId, String chargeId, Money amount, int attempt) {
    }

    /** Executes one refund if it is due and nobody else holds it; returns true once the gateway has decided. */
    public boolean execute(UUID refundId) {
        Optional<Claimed> claimed = claim(refundId);
        if (claimed.isEmpty()) {
            return false;
        }
        Claimed refund = claimed.get();
        try {
            GatewayRefund answer = refund.gatewayRefundId() == null
                    ? gateway.refund(refund.chargeId(), refund.amount(), "refund:" + refund.refundId())
                    : gateway.fetchRefund(refund.gatewayRefundId());
            return QuarkusTransaction.requiringNew().call(() -> apply(refund.refundId(), answer));
        } catch (GatewayRejected e) {
            QuarkusTransaction.requiringNew().run(() -> refuse(lockedRefund(refund.refundId()), "rejected: " + e.code()));
            return true;
        } catch (ApiException e) {
            QuarkusTransaction.requiringNew().run(() -> later(refund, e.code() + ": " + e.getMessage()));
            LOG.warnf("Refund %s not executed yet (attempt %d): %s", refundId, refund.attempt(), e.getMessage());
            return false;
        }
    }

    /** A short transaction: the refund is ours for one lease, and this attempt is counted. */
    private Optional<Claimed> claim(UUID refundId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    UPDATE refund r SET attempts = r.attempts + 1, next_attempt_at = now() + ?2 * interval '1 millisecond'
                    FROM payment p
                    WHERE r.id = ?1 AND r.status = 'PENDING' AND r.next_attempt_at <= now() AND p.id = r.payment_id
                    RETURNING r.gateway_refund_id, p.gateway_charge_id, r.amount, p.currency, r.attempts""")
                    .setParameter(1, refundId)
                    .setParameter(2, config.refunds().lease().toMillis())
                    .getResultList();
            if (rows.isEmpty()) {
                return Optional.<Claimed>empty();
            }
            Object[] row = rows.get(0);
            String currency = ((String) row[3]).trim();
            Money amount = Money.parse((BigDecimal) row[2], currency, "amount");
            return Optional.of(new Claimed(refundId, (String) row[0], (String) row[1], amount, ((Number) row[4]).intValue()));
        });
    }

    /**
     * The gateway's word on a refund, from the execution's answer or a webhook's fetch. Locks the payment,
     * then the refund (always in that order); a refund already decided is left alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(UUID refundId, GatewayRefund answer) {
        Refund refund = lockedRefund(refundId);
        if (refund.status != RefundStatus.PENDING) {
            return true;
        }
        refund.gatewayRefundId = answer.id();
        switch (answer.status()) {
            case SUCCEEDED -> confirm(refund);
            case FAILED -> refuse(refund, answer.failureReason() == null ? "refused by the gateway" : answer.failureReason());
            case PENDING -> {
                refund.lastError = "pending at the gateway";
                refund.nextAttemptAt = DbTime.now().plus(backoff().after(refund.attempts));
                return false;
            }
        }
        return true;
    }

    /** For webhooks: our refund behind a gateway refund id, if we know it yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> byGatewayId(String gatewayRefundId) {
        return Refund.<Refund>find("gatewayRefundId", gatewayRefundId).firstResultOptional().map(refund -> refund.id);
    }

    private void confirm(Refund refund) {
        Payment payment = Payment.findById(refund.paymentId);
        Money amount = Money.parse(refund.amount, payment.currency, "amount");
        payment.refundingAmount = payment.refunding().minus(amount).amount();
        payment.refundedAmount = payment.refunded().plus(amount).amount();
        payment.status = payment.refunded().equals(payment.money()) ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        payment.updatedAt = DbTime.now();
        refund.status = RefundStatus.SUCCEEDED;
        refund.executedAt = DbTime.now();
        refund.lastError = null;
        outbox.recordRefund(payment, payment.status == PaymentStatus.REFUNDED ? PaymentEvent.Status.REFUNDED
                : PaymentEvent.Status.PARTIALLY_REFUNDED, refund);
        metrics.counter("payment.refunds", "outcome", "succeeded").increment();
    }

    private void refuse(Refund refund, String reason) {
        if (refund.status != RefundStatus.PENDING) {
            return;
        }
        Payment payment = Payment.findById(refund.paymentId);
        Money amount = Money.parse(refund.amount, payment.currency, "amount");
        payment.refundingAmount = payment.refunding().minus(amount).amount();
        payment.updatedAt = DbTime.now();
        refund.status = RefundStatus.FAILED;
        refund.failureReason = reason;
        refund.executedAt = DbTime.now();
        outbox.recordRefund(payment, PaymentEvent.Status.REFUND_FAILED, refund);
        metrics.counter("payment.refunds", "outcome", "refused").increment();
        LOG.errorf("Refund %s of %s on payment %s was refused by the gateway: %s", refund.id, amount, payment.id, reason);
    }

    private void later(Claimed claimed, String error) {
        Refund refund = Refund.findById(claimed.refundId());
        if (refund != null && refund.status == RefundStatus.PENDING) {
            refund.lastError = error;
            refund.nextAttemptAt = DbTime.now().plus(backoff().after(claimed.attempt()));
        }
    }

    /** The payment's row lock first, then the refund's: every path takes them in that order. */
    private Refund lockedRefund(UUID refundId) {
        Refund refund = Refund.findById(refundId);
        payments.lock(refund.paymentId);
        em.refresh(refund, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return refund;
    }

    private Backoff backoff() {
        return new Backoff(config.refunds().initialBackoff(), config.refunds().maxBackoff());
    }

    public List<UUID> due(int limit) {
        return Refund.find("select r.id from Refund r where r.status = ?1 and r.nextAttemptAt <= ?2 order by r.nextAttemptAt",
                RefundStatus.PENDING, DbTime.now()).project(UUID.class).page(0, limit).list();
    }

    public List<Refund> forPayment(UUID paymentId) {
        payments.find(paymentId);
        return Refund.list("paymentId = ?1 order by createdAt", paymentId);
    }
}
