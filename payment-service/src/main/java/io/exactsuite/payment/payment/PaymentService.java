package io.exactsuite.payment.payment;

import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.money.PaymentLimits;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.tracing.TraceParent;
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
 * Payments move PENDING → SUCCEEDED | FAILED | CANCELLED exactly once, and a success the gateway
 * reports later still wins (the money moved): every transition happens under the payment's row lock
 * after re-reading its status, and the gateway's own view of the charge is the only evidence. Each
 * transition the owner must hear writes an outbox event in the same transaction. No transaction is
 * open while the gateway is called.
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
    @Inject
    PaymentLimits limits;

    /** A create request, checked: the owner's object id is a UUID, the amount fits its currency and maximum. */
    public record Request(Purpose purpose, UUID purposeId, String payerId, Money amount) {

        public UUID paymentId() {
            return Payment.idFor(purpose, purposeId);
        }

        /** Names the parameters as well as the purpose, so a key is never sent again with other ones. */
        public String gatewayKey() {
            return "charge:" + purpose + ":" + purposeId + ":" + amount.amount().toPlainString() + ":" + amount.currencyCode();
        }
    }

    public Request validate(CreatePayment body) {
        UUID purposeId = uuid(body.purposeId(), "purposeId");
        Money amount = Money.parse(body.amount(), body.currency(), "amount");
        if (!amount.isPositive()) {
            throw ApiException.invalidField("amount", "must be greater than 0");
        }
        PaymentLimits.requirePayable(limits, amount, "amount");
        return new Request(body.purpose(), purposeId, body.payerId(), amount);
    }

    /**
     * Step 1 of a create, outside any transaction: the gateway charge, unless the payment already exists.
     * The key is derived from the request, so a retry (after a timeout, a crash, on another replica) gets
     * the same charge back from the gateway instead of a second one.
     */
    public Optional<GatewayCharge> chargeFor(Request request) {
        if (Payment.findById(request.paymentId()) != null) {
            return Optional.empty();
        }
        return Optional.of(gateway.createCharge(Payment.referenceFor(request.paymentId()), request.amount(),
                request.gatewayKey()));
    }

    /** Step 2, in the caller's (idempotent) transaction: the payment for this purpose, existing or new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Created record(Request request, Optional<GatewayCharge> charge) {
        Optional<Payment> existing = Payment.forPurpose(request.purpose(), request.purposeId());
        if (existing.isPresent()) {
            Payment payment = existing.get();
            if (!payment.money().equals(request.amount()) || !payment.payerId.equals(request.payerId())) {
                throw ApiException.conflict("payment_exists", "A payment for " + request.purpose() + " "
                        + request.purposeId() + " already exists with a different payer or amount");
            }
            return new Created(payment, false);
        }
        GatewayCharge created = charge.orElseThrow(() -> new IllegalStateException(
                "payment " + request.paymentId() + " vanished between its check and its insert"));
        Payment payment = new Payment();
        payment.id = request.paymentId();
        payment.reference = Payment.referenceFor(payment.id);
        payment.purpose = request.purpose();
        payment.purposeId = request.purposeId().toString();
        payment.payerId = request.payerId();
        payment.amount = request.amount().amount();
        payment.refundedAmount = Money.zero(request.amount().currency()).amount();
        payment.refundingAmount = payment.refundedAmount;
        payment.currency = request.amount().currencyCode();
        payment.status = PaymentStatus.PENDING;
        payment.gatewayChargeId = created.id();
        payment.checkoutUrl = created.checkoutUrl();
        payment.createdAt = DbTime.now();
        payment.updatedAt = payment.createdAt;
        payment.checkDueAt = payment.createdAt.plus(config.sweep().after());
        payment.traceParent = TraceParent.current();
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
        Optional<Payment> payment = Payment.byGatewayCharge(charge.id()).map(found -> lock(found.id));
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

    /**
     * The one place a gateway report changes a payment. Pending and abandoned charges are not outcomes.
     * A failure only ends a PENDING payment; a success ends a PENDING one and overrides a FAILED or
     * CANCELLED one (flagged {@code succeededAfterFailure}: the money moved, the owner keeps or refunds it).
     */
    private void reconcile(Payment payment, GatewayCharge charge) {
        if (charge.status() == ChargeStatus.PENDING) {
            return;
        }
        if (charge.status() == ChargeStatus.FAILED) {
            if (payment.status == PaymentStatus.PENDING) {
                transition(payment, PaymentStatus.FAILED);
                outbox.record(payment, PaymentStatus.FAILED);
            }
            return;
        }
        if (!matches(payment, charge)) {
            LOG.errorf("Gateway charge %s reports %s %s but payment %s is for %s; not marking it paid",
                    charge.id(), charge.amount(), charge.currency(), payment.id, payment.money());
            return;
        }
        switch (payment.status) {
            case PENDING -> {
                transition(payment, PaymentStatus.SUCCEEDED);
                outbox.record(payment, PaymentStatus.SUCCEEDED);
            }
            case FAILED, CANCELLED -> {
                payment.succeededAfterFailure = true;
                transition(payment, PaymentStatus.SUCCEEDED);
                outbox.record(payment, PaymentStatus.SUCCEEDED);
            }
            default -> {
                // already succeeded (and perhaps refunded): nothing new
            }
        }
    }

    private static boolean matches(Payment payment, GatewayCharge charge) {
        return charge.amount() != null && charge.amount().compareTo(payment.amount) == 0
                && payment.currency.equals(charge.currency());
    }

    /** A payment still open to a gateway success is asked about once more after any change, however old. */
    private void transition(Payment payment, PaymentStatus status) {
        payment.status = status;
        payment.updatedAt = DbTime.now();
        payment.checkDueAt = status == PaymentStatus.SUCCEEDED ? null : payment.updatedAt.plus(config.sweep().after());
    }

    static UUID uuid(String text, String field) {
        try {
            UUID id = UUID.fromString(text);
            if (!id.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException(text);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "must be a UUID such as 3f2b1c9e-8d4a-4e1b-9c2f-5a6b7c8d9e0f");
        }
    }
}
