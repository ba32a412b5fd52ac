package io.exactsuite.common.payment;

import io.exactsuite.common.client.Reply;
import io.exactsuite.common.money.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.transaction.Transactional;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * payment-service for the services that own payments. Owns the fault-tolerance policy, on every method: 2 s
 * timeout; 2 retries with jitter, safe because every call that changes something carries the caller's
 * Idempotency-Key (a retry resends the same key); a breaker per method that opens at 50 % failures over 10
 * calls, for 10 s. A 4xx is an answer, returned as a {@link Reply}; a 5xx or no answer throws.
 *
 * <p>The caller derives every key from its own records, so a retried request books one effect. Needs
 * {@code quarkus.rest-client.payment.url} and {@code payment-service.token} (a bearer token of group
 * {@code service}); the extension {@code quarkus-smallrye-fault-tolerance} applies the policy.
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
    // Looked up per call, not at startup: a service that has common but never calls payment-service has no
    // token, and may still keep this bean (the fault-tolerance extension keeps annotated beans).
    @ConfigProperty(name = "payment-service.token")
    Provider<String> token;

    /** A payment for {@code purpose}/{@code purposeId} (e.g. VOTES and the purchase id), paid by {@code payerId}. */
    public Reply create(String key, String purpose, String purposeId, String payerId, Money amount) {
        return Reply.of(http.create(bearer(), key, Map.of("purpose", purpose, "purposeId", purposeId, "payerId", payerId,
                "amount", amount.amount().toPlainString(), "currency", amount.currencyCode())));
    }

    /** The payment as payment-service sees it now: status, amount, refundedAmount, refundingAmount. */
    public Reply get(UUID paymentId) {
        return Reply.of(http.get(bearer(), paymentId));
    }

    public Reply cancel(String key, UUID paymentId) {
        return Reply.of(http.cancel(bearer(), key, paymentId));
    }

    /**
     * Asks for a refund of {@code amount}. Answers 201 (booked; the refund event follows when the gateway
     * confirms) or a 409 problem whose code says why not.
     */
    public Reply refund(String key, UUID paymentId, Money amount) {
        return Reply.of(http.refund(bearer(), key, paymentId, Map.of("amount", amount.amount().toPlainString())));
    }

    /** payment-service asks the gateway; it answers the payment view. */
    public Reply verify(String key, String reference) {
        return Reply.of(http.verify(bearer(), key, reference));
    }

    private String bearer() {
        return "Bearer " + token.get();
    }
}
