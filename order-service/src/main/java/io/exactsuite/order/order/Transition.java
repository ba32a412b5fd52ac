package io.exactsuite.order.order;

/**
 * A change of an order that calls other services, so it runs as recorded steps (see {@link OrderSaga}).
 * While one is in flight the order's status is the one it left; the status moves when the change finishes.
 */
public enum Transition {
    /** Checkout between its steps; abandoned (compensated) if it does not finish in time. */
    PLACE,
    /** The payment succeeded: capture the points, earn loyalty, sell the stock. */
    PAY,
    /** The payment succeeded after the order was cancelled or expired: honoured if stock remains, refunded if not. */
    LATE_PAY,
    CANCEL,
    EXPIRE,
    /** The payment failed: release what the order holds, as a cancel does. */
    PAYMENT_FAILED,
    /** An admin refunds a paid order: money, points and stock back. */
    REFUND,
    /** payment-service refunded the payment in full (an admin there): points and stock back. */
    REFUNDED_AT_PAYMENT
}
