package io.exactsuite.payment.payment;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.ids.RandomCodes;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.payment.PaymentConfig;
import io.exactsuite.payment.gateway.ChargeStatus;
import io.exactsuite.payment.gateway.GatewayCharge;
import io.exactsuite.payment.gateway.PaymentGateway;
import io.exactsuite.payment.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Payments move PENDING → SUCCEEDED | FAILED | CANCELLED exactly once: every transition happens under
 * the payment's row lock after re-reading its status, and the gateway's own view of the charge is the
 * only evidence of success. Each transition the owner must hear writes an outbox event in the same
 * transaction.
 */
@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);

    @Inject
    PaymentGateway gateway;
    @Inject
    Outbox outbox;
    @Inject
    Caller caller;
    @Inject
    PaymentConfig config;

    /** The payment for this purpose: the existing one if there is one (never a second charge), else a new one. */
    @Transactional
    public Created create(CreatePayment request) {
        if (!caller.mayActFor(request.payerId())) {
            throw new ApiException(403, "forbidden", "Forbidden", "A user may create payments only as the payer");
        }
        Money amount = Money.parse(request.amount(), request.currency(), "amount");
        if (!amount.isPositive()) {
            throw ApiException.invalidField("amount", "must be greater than 0");
        }
        if (amount.amount().compareTo(config.maxAmount()) > 0) {
            throw ApiException.invalidField("amount", "must be at most " + config.maxAmount().toPlainString());
        }
        Optional<Payment> existing = Payment.forPurpose(request.purpose(), request.purposeId());
        if (existing.isPresent()) {
            Payment payment = existing.get();
            if (!payment.money().equals(amount) || !payment.payerId.equals(request.payerId())) {
                throw ApiException.conflict("payment_exists", "A payment for " + request.purpose() + " "
                        + request.purposeId() + " already exists with a different payer or amount");
            }
            return new Created(payment, false);
        }
        Payment payment = new Payment();
        payment.id = UUID.randomUUID();
        payment.reference = "pay_" + RandomCodes.crockford(20);
        payment.purpose = request.purpose();
        payment.purposeId = request.purposeId();
        payment.payerId = request.payerId();
        payment.amount = amount.amount();
        payment.refundedAmount = Money.zero(amount.currency()).amount();
        payment.currency = amount.currencyCode();
        payment.status = PaymentStatus.PENDING;
        // Keyed by purpose: a create retried after a crash asks the gateway for the same charge again.
        GatewayCharge charge = gateway.createCharge(payment.reference, amount,
                "charge:" + request.purpose() + ":" + request.purposeId());
        payment.gatewayChargeId = charge.id();
        payment.checkoutUrl = charge.checkoutUrl();
        payment.createdAt = DbTime.now();
        payment.updatedAt = payment.createdAt;
        payment.persist();
        return new Created(payment, true);
    }

    public record Created(Payment payment, boolean isNew) {
    }

    public Payment find(UUID id) {
        Payment payment = Payment.findById(id);
        if (payment == null || !caller.mayActFor(payment.payerId)) {
            throw ApiException.notFound("Payment " + id);
        }
        return payment;
    }

    public Payment findByReference(String reference) {
        Payment payment = Payment.byReference(reference).orElse(null);
        if (payment == null || !caller.mayActFor(payment.payerId)) {
            throw ApiException.notFound("Payment " + reference);
        }
        return payment;
    }

    /** Seed 000's verify, done right: applies the gateway's view of the charge once, whoever asks how often. */
    @Transactional
    public Payment applyVerified(String reference, GatewayCharge charge) {
        Payment payment = lock(findByReference(reference).id);
        reconcile(payment, charge);
        return payment;
    }

    /** For webhooks: the payment behind a gateway charge, if it is ours. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Payment> applyFromGateway(GatewayCharge charge) {
        Optional<Payment> payment = Payment.<Payment>find("gatewayChargeId", charge.id()).firstResultOptional()
                .map(found -> lock(found.id));
        payment.ifPresent(locked -> reconcile(locked, charge));
        return payment;
    }

    /** PENDING → CANCELLED. A success the gateway reports later still counts, flagged for the owner. */
    @Transactional
    public Payment cancel(UUID id) {
        Payment payment = lock(find(id).id);
        if (payment.status != PaymentStatus.PENDING) {
            throw ApiException.conflict("illegal_transition", "Payment " + id + " is " + payment.status
                    + "; only a PENDING payment can be cancelled");
        }
        transition(payment, PaymentStatus.CANCELLED);
        return payment;
    }

    /**
     * Takes the payment's row lock and returns its current state. A copy read earlier in this
     * transaction (to check access, say) may be stale, and a locking find would return that copy as it
     * is; refreshing under the lock replaces it with the row as it is now.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Payment lock(UUID id) {
        Payment payment = Payment.findById(id);
        if (payment == null) {
            throw ApiException.notFound("Payment " + id);
        }
        Payment.getEntityManager().refresh(payment, LockModeType.PESSIMISTIC_WRITE);
        return payment;
    }

    /** The one place a gateway report changes a payment; anything already decided is left alone. */
    private void reconcile(Payment payment, GatewayCharge charge) {
        if (charge.status() == ChargeStatus.PENDING) {
            return;
        }
        boolean success = charge.status() == ChargeStatus.SUCCEEDED;
        if (success && !matches(payment, charge)) {
            LOG.errorf("Gateway charge %s reports %s %s but payment %s is for %s; not marking it paid",
                    charge.id(), charge.amount(), charge.currency(), payment.id, payment.money());
            return;
        }
        if (payment.status == PaymentStatus.PENDING) {
            transition(payment, success ? PaymentStatus.SUCCEEDED : PaymentStatus.FAILED);
            outbox.record(payment, payment.status);
        } else if (payment.status == PaymentStatus.CANCELLED && success) {
            payment.succeededAfterCancel = true;
            transition(payment, PaymentStatus.SUCCEEDED);
            outbox.record(payment, PaymentStatus.SUCCEEDED);
        }
    }

    private static boolean matches(Payment payment, GatewayCharge charge) {
        return charge.amount() != null && charge.amount().compareTo(payment.amount) == 0
                && payment.currency.equals(charge.currency());
    }

    private static void transition(Payment payment, PaymentStatus status) {
        payment.status = status;
        payment.updatedAt = DbTime.now();
    }
}
