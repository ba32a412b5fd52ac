package io.exactsuite.gatewaysim.refund;

import io.exactsuite.gatewaysim.money.Money;

/** One refund of one charge. Its status changes under its own monitor (pending settles later). */
public final class Refund {

    static final String REFUSED = "refused by the simulator";

    private final String id;
    private final String chargeId;
    private final Money money;
    private RefundStatus status;
    private String failureReason;

    Refund(String id, String chargeId, Money money, RefundStatus status, String failureReason) {
        this.id = id;
        this.chargeId = chargeId;
        this.money = money;
        this.status = status;
        this.failureReason = failureReason;
    }

    public String id() {
        return id;
    }

    public String chargeId() {
        return chargeId;
    }

    public synchronized RefundStatus status() {
        return status;
    }

    public synchronized RefundMath.Line line() {
        return new RefundMath.Line(money.amount(), status);
    }

    /** pending becomes succeeded once; true if this call did it. */
    synchronized boolean settle() {
        if (status != RefundStatus.PENDING) {
            return false;
        }
        status = RefundStatus.SUCCEEDED;
        return true;
    }

    synchronized RefundView view() {
        return new RefundView(id, chargeId, money.wire(), money.currency().getCurrencyCode(), status.wire(), failureReason);
    }
}
