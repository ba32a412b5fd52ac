package io.exactsuite.payment.gateway;

import io.exactsuite.common.money.Money;
import io.exactsuite.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/** The one gateway adapter: maps the gateway's wire format and failures onto our port. */
@ApplicationScoped
public class HttpGateway implements PaymentGateway {

    @Inject
    HttpGatewayClient client;

    @Override
    public GatewayCharge createCharge(String reference, Money amount, String idempotencyKey) {
        return toCharge(answered(() -> client.createCharge(reference, amount.amount(), amount.currencyCode(), idempotencyKey)));
    }

    @Override
    public GatewayCharge fetchCharge(String chargeId) {
        return toCharge(answered(() -> client.fetchCharge(chargeId)));
    }

    @Override
    public GatewayRefund refund(String chargeId, Money amount, String idempotencyKey) {
        return toRefund(reach(() -> client.refund(chargeId, amount.amount(), amount.currencyCode(), idempotencyKey)));
    }

    @Override
    public GatewayRefund fetchRefund(String refundId) {
        return toRefund(reach(() -> client.fetchRefund(refundId)));
    }

    /** For charges a refusal is our caller's answer: 502 {@code gateway_rejected} with the gateway's code. */
    private static <T> T answered(Supplier<T> call) {
        try {
            return reach(call);
        } catch (GatewayRejected e) {
            throw new ApiException(502, "gateway_rejected", "Bad gateway", e.getMessage());
        }
    }

    /** A refusal passes through as {@link GatewayRejected}; anything else that went wrong is "unavailable". */
    private static <T> T reach(Supplier<T> call) {
        try {
            return call.get();
        } catch (GatewayRejected e) {
            throw e;
        } catch (FaultToleranceException | HttpGatewayClient.GatewayDown | jakarta.ws.rs.ProcessingException
                | jakarta.ws.rs.WebApplicationException e) {
            throw GatewayUnavailableException.because("The payment gateway is unavailable; retry shortly");
        }
    }

    private static GatewayCharge toCharge(HttpGatewayApi.ChargeBody body) {
        return new GatewayCharge(body.id(), ChargeStatus.fromWire(body.status()), body.amount(), body.currency(),
                body.checkoutUrl());
    }

    private static GatewayRefund toRefund(HttpGatewayApi.RefundBody body) {
        return new GatewayRefund(body.id(), RefundOutcome.fromWire(body.status()), body.failureReason());
    }
}
