package io.exactsuite.payment.refund;

import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.payment.gateway.PaymentGateway;
import io.exactsuite.payment.outbox.Outbox;
import io.exactsuite.payment.payment.Payment;
import io.exactsuite.payment.payment.PaymentService;
import io.exactsuite.payment.payment.PaymentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Refunds in two steps. Booking happens under the payment's row lock: the refunded total can never pass
 * the captured amount (and a CHECK constraint says so too). Executing happens afterwards, at the gateway,
 * keyed by the refund's id, so a retried or concurrent execution refunds the money once.
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
            throw ApiException.conflict("refund_exceeds_captured", "Only " + payment.refundable()
                    + " of payment " + paymentId + " can still be refunded");
        }
        payment.refundedAmount = payment.refunded().plus(amount).amount();
        payment.status = payment.refundable().isPositive() ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.REFUNDED;
        payment.updatedAt = DbTime.now();
        if (payment.status == PaymentStatus.REFUNDED) {
            outbox.record(payment, PaymentStatus.REFUNDED);
        }
        Refund refund = new Refund();
        refund.id = UUID.randomUUID();
        refund.paymentId = payment.id;
        refund.amount = amount.amount();
        refund.status = RefundStatus.PENDING;
        refund.createdAt = DbTime.now();
        refund.persist();
        return refund;
    }

    /**
     * Executes one booked refund at the gateway. The refund row stays locked while the gateway is asked
     * (SKIP LOCKED: a concurrent executor leaves it alone), and the gateway dedupes on the refund id.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean execute(UUID refundId) {
        List<Refund> locked = Refund.getEntityManager()
                .createQuery("from Refund r where r.id = ?1 and r.status = ?2", Refund.class)
                .setParameter(1, refundId).setParameter(2, RefundStatus.PENDING)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2)
                .getResultList();
        if (locked.isEmpty()) {
            return false;
        }
        Refund refund = locked.get(0);
        Payment payment = Payment.findById(refund.paymentId);
        refund.attempts++;
        try {
            refund.gatewayRefundId = gateway.refund(payment.gatewayChargeId,
                    new Money(refund.amount.setScale(payment.money().amount().scale()), payment.money().currency()),
                    refund.gatewayIdempotencyKey());
            refund.status = RefundStatus.SUCCEEDED;
            refund.executedAt = DbTime.now();
            refund.lastError = null;
            return true;
        } catch (ApiException e) {
            refund.lastError = e.code() + ": " + e.getMessage();
            LOG.warnf("Refund %s not executed yet (attempt %d): %s", refundId, refund.attempts, refund.lastError);
            return false;
        }
    }

    public List<UUID> pending(int limit) {
        return Refund.find("select r.id from Refund r where r.status = ?1 order by r.createdAt", RefundStatus.PENDING)
                .project(UUID.class).page(0, limit).list();
    }

    public List<Refund> forPayment(UUID paymentId) {
        payments.find(paymentId);
        return Refund.list("paymentId = ?1 order by createdAt", paymentId);
    }
}
