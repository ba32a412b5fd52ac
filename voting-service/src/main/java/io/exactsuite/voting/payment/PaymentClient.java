package io.exactsuite.voting.payment;

import io.exactsuite.common.client.Reply;
import io.exactsuite.common.money.Money;
import io.exactsuite.voting.VotingConfig;
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

/**
 * Owns the fault-tolerance policy for payment-service, on every method: 2 s timeout; 2 retries with
 * jitter, safe because every call carries an Idempotency-Key; a breaker per method that opens at 50 %
 * failures over 10 calls, for 10 s. A 4xx is an answer, returned as a {@link Reply}.
 */
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
    VotingConfig config;

    public Reply create(UUID purchaseId, String voterId, Money amount) {
        return Reply.of(http.create(service(), "purchase:" + purchaseId + ":payment", Map.of("purpose", "VOTES",
                "purposeId", purchaseId.toString(), "payerId", voterId, "amount", amount.amount().toPlainString(),
                "currency", amount.currencyCode())));
    }

    /** Verify is idempotent at payment-service; a fresh key per call lets it ask the gateway again. */
    public Reply verify(UUID purchaseId, String reference) {
        return Reply.of(http.verify(service(), "purchase:" + purchaseId + ":verify:" + UUID.randomUUID(), reference));
    }

    /** The payment as payment-service sees it now (status, amount, refundedAmount). */
    public Reply get(UUID paymentId) {
        return Reply.of(http.get(service(), paymentId));
    }

    /**
     * Asks for a refund of {@code amount}; {@code key} is derived from the purchase, so a retried call books
     * the refund once. Answers 201 (booked; the REFUNDED event follows when the gateway confirms) or a 409
     * problem whose code says why not.
     */
    public Reply refund(UUID paymentId, String key, Money amount) {
        return Reply.of(http.refund(service(), key, paymentId, Map.of("amount", amount.amount().toPlainString())));
    }

    private String service() {
        return "Bearer " + config.serviceToken();
    }
}
