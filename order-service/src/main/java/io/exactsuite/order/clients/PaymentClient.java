package io.exactsuite.order.clients;

import io.exactsuite.common.money.Money;
import io.exactsuite.common.client.Reply;
import io.exactsuite.order.OrdersConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** payment-service with the same policy as {@link PointsClient}: every call is keyed, so retrying is safe. */
@ApplicationScoped
// Calls leave the caller's database transaction suspended: the REST client runs on other threads, and a
// transaction those threads had joined could not be rolled back cleanly when a call fails.
@Transactional(Transactional.TxType.NOT_SUPPORTED)
@Timeout(value = 2, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 200, jitter = 100)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
public class PaymentClient {

    @Inject
    @RestClient
    PaymentHttp http;
    @Inject
    OrdersConfig config;

    public Reply create(String key, UUID orderId, String payerId, Money amount) {
        return Reply.of(http.create(service(), key, Map.of("purpose", "ORDER", "purposeId", orderId.toString(),
                "payerId", payerId, "amount", amount.amount().toPlainString(), "currency", amount.currencyCode())));
    }

    public Reply cancel(String key, UUID paymentId) {
        return Reply.of(http.cancel(service(), key, paymentId));
    }

    /** The payment as payment-service sees it: status, amount, refundedAmount, refundingAmount. */
    public Reply get(UUID paymentId) {
        return Reply.of(http.get(service(), paymentId));
    }

    public Reply refund(String key, UUID paymentId, Money amount) {
        return Reply.of(http.refund(service(), key, paymentId, Map.of("amount", amount.amount().toPlainString())));
    }

    private String service() {
        return "Bearer " + config.serviceToken();
    }
}
