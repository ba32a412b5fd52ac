package io.exactsuite.gatewaysim.charge;

import io.exactsuite.gatewaysim.api.ApiException;
import io.exactsuite.gatewaysim.money.Money;
import io.exactsuite.gatewaysim.refund.Refund;
import io.exactsuite.gatewaysim.refund.RefundMath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One charge. Every read and change of its state happens under its own monitor; a caller that must
 * also emit a webhook for a change holds the monitor across both, so events follow the changes in order.
 * Lock order is charge, then refund: a refund never takes its charge's monitor.
 */
public final class Charge {

    private final String id;
    private final String reference;
    private final Money money;
    private final List<Refund> refunds = new ArrayList<>();
    private ChargeStatus status = ChargeStatus.PENDING;
    /** Chaos failThenSucceed: failed for now, becomes success later. */
    private boolean recovering;

    public Charge(String id, String reference, Money money) {
        this.id = id;
        this.reference = reference;
        this.money = money;
    }

    public String id() {
        return id;
    }

    public String reference() {
        return reference;
    }

    public Money money() {
        return money;
    }

    public synchronized ChargeStatus status() {
        return status;
    }

    /** Applies a payer action; a charge already success or failed is a 409 and stays as it is. */
    synchronized ChargeStatus act(PayerAction action, boolean declineAll, boolean failThenSucceed) {
        if (!status.payerCanAct()) {
            throw ApiException.conflict("charge_not_pending", "Charge " + id + " is already " + status.wire());
        }
        status = switch (action) {
            case PAY -> declineAll || failThenSucceed ? ChargeStatus.FAILED : ChargeStatus.SUCCESS;
            case DECLINE -> ChargeStatus.FAILED;
            case ABANDON -> ChargeStatus.ABANDONED;
        };
        recovering = action == PayerAction.PAY && !declineAll && failThenSucceed;
        return status;
    }

    synchronized boolean recovering() {
        return recovering;
    }

    /** The "then succeed" half of failThenSucceed: true if this call captured the charge. */
    synchronized boolean recover() {
        if (!recovering || status != ChargeStatus.FAILED) {
            return false;
        }
        recovering = false;
        status = ChargeStatus.SUCCESS;
        return true;
    }

    /** Called with this monitor held, after the refund was checked against {@link #refundable()}. */
    public synchronized void addRefund(Refund refund) {
        refunds.add(refund);
    }

    /** Charge amount minus every refund that is not failed (pending ones are spoken for). */
    public synchronized BigDecimal refundable() {
        return RefundMath.refundable(money.amount(), lines());
    }

    public synchronized BigDecimal refunded() {
        return RefundMath.refunded(lines());
    }

    private List<RefundMath.Line> lines() {
        return refunds.stream().map(Refund::line).toList();
    }
}
