package io.exactsuite.payment.gateway;

import io.exactsuite.common.money.Money;
import io.exactsuite.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/** The HTTP gateway adapter: maps the gateway's wire format and failures onto our port. */
@ApplicationScoped
@Typed(HttpGateway.class)
public class HttpGateway implements PaymentGateway {

    @Inject
    HttpGatewayClient client;

    @Override
    public GatewayCharge createCharge(String reference, Money amount, String idempotencyKey) {
        return toCharge(reach(() -> client.createCharge(reference, amount.amount(), amount.currencyCode(), idempotencyKey)));
    }

    @Override
    public GatewayCharge fetchCharge(String chargeId) {
        return toCharge(reach(() -> client.fetchCharge(chargeId)));
    }

    @Override
    public String refund(String chargeId, Money amount, String idempotencyKey) {
        return reach(() -> client.refund(chargeId, amount.amount(), amount.currencyCode(), idempotencyKey)).id();
    }

    private static <T> T reach(Supplier<T> call) {
        try {
            return call.get();
        } catch (HttpGatewayClient.RejectedByGateway e) {
            throw new ApiException(502, "gateway_rejected", "Bad gateway", e.getMessage());
        } catch (FaultToleranceException | jakarta.ws.rs.ProcessingException | jakarta.ws.rs.WebApplicationException e) {
            throw GatewayUnavailableException.because("The payment gateway is unavailable; retry shortly");
        }
    }

    private static GatewayCharge toCharge(HttpGatewayApi.ChargeBody body) {
        ChargeStatus status = switch (body.status().toLowerCase(Locale.ROOT)) {
            case "succeeded", "success", "paid" -> ChargeStatus.SUCCEEDED;
            case "failed", "declined", "abandoned" -> ChargeStatus.FAILED;
            default -> ChargeStatus.PENDING;
        };
        return new GatewayCharge(body.id(), status, body.amount(), body.currency(), body.checkoutUrl());
    }
}
