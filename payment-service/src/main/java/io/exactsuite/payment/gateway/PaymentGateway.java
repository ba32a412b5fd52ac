package io.exactsuite.payment.gateway;

import io.exactsuite.common.money.Money;

/**
 * The port to a card/transfer gateway. Every call that moves money carries an idempotency key derived
 * from our own ids and from the call's parameters, so a retry after a crash or a timeout cannot charge
 * or refund twice, and a key is never sent again with other parameters. Implementations throw
 * {@link GatewayRejected} when the gateway refuses a request and {@link GatewayUnavailableException}'s
 * problem when it cannot be reached in time.
 */
public interface PaymentGateway {

    GatewayCharge createCharge(String reference, Money amount, String idempotencyKey);

    /** The gateway's current view of a charge: the only source we trust for success. */
    GatewayCharge fetchCharge(String chargeId);

    /** Asks the gateway to refund part or all of a captured charge; it may confirm at once, later, or refuse. */
    GatewayRefund refund(String chargeId, Money amount, String idempotencyKey);

    /** The gateway's current view of a refund. */
    GatewayRefund fetchRefund(String refundId);
}
