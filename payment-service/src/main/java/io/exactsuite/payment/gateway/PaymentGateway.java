package io.exactsuite.payment.gateway;

import io.exactsuite.common.money.Money;

/**
 * The port to a card/transfer gateway. Every call that moves money carries an idempotency key derived
 * from our own ids, so a retry after a crash or a timeout cannot charge or refund twice.
 * Implementations throw {@link GatewayUnavailableException} when the gateway cannot be reached in time.
 */
public interface PaymentGateway {

    GatewayCharge createCharge(String reference, Money amount, String idempotencyKey);

    /** The gateway's current view of a charge: the only source we trust for success. */
    GatewayCharge fetchCharge(String chargeId);

    /** Refunds part or all of a captured charge; returns the gateway's refund id. */
    String refund(String chargeId, Money amount, String idempotencyKey);
}
