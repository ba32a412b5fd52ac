package io.exactsuite.payment.gateway;

import io.exactsuite.payment.PaymentConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.WebApplicationException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Owns the fault-tolerance policy of the HTTP gateway calls. Retrying is safe for all three: the
 * fetch is a GET and both POSTs carry an Idempotency-Key the gateway dedupes on. A 4xx is our
 * request's fault, so it is neither retried nor counted against the gateway's health.
 */
@ApplicationScoped
// Calls leave the caller's database transaction suspended: the REST client runs on other threads, and a
// transaction those threads had joined could not be rolled back cleanly when a call fails.
@Transactional(Transactional.TxType.NOT_SUPPORTED)
class HttpGatewayClient {

    @Inject
    PaymentConfig config;

    private volatile HttpGatewayApi api;

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = RejectedByGateway.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RejectedByGateway.class)
    public HttpGatewayApi.ChargeBody createCharge(String reference, BigDecimal amount, String currency, String idempotencyKey) {
        return call(() -> api().createCharge(authorization(), idempotencyKey,
                new HttpGatewayApi.NewCharge(reference, amount, currency)));
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = RejectedByGateway.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RejectedByGateway.class)
    public HttpGatewayApi.ChargeBody fetchCharge(String chargeId) {
        return call(() -> api().fetchCharge(authorization(), chargeId));
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = RejectedByGateway.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = RejectedByGateway.class)
    public HttpGatewayApi.RefundBody refund(String chargeId, BigDecimal amount, String currency, String idempotencyKey) {
        return call(() -> api().refund(authorization(), idempotencyKey,
                new HttpGatewayApi.NewRefund(chargeId, amount, currency)));
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() < 500) {
                throw new RejectedByGateway(e.getResponse().getStatus());
            }
            throw e;
        }
    }

    private String authorization() {
        return "Bearer " + config.gateway().secretKey().orElse("");
    }

    private HttpGatewayApi api() {
        if (api == null) {
            String baseUrl = config.gateway().baseUrl()
                    .orElseThrow(() -> new IllegalStateException("payment.gateway.base-url is required for the http gateway"));
            api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(baseUrl))
                    .connectTimeout(2, TimeUnit.SECONDS).readTimeout(3, TimeUnit.SECONDS)
                    .build(HttpGatewayApi.class);
        }
        return api;
    }

    /** The gateway refused the request itself (4xx). */
    static class RejectedByGateway extends RuntimeException {
        final int status;

        RejectedByGateway(int status) {
            super("The payment gateway rejected the request with " + status, null, false, false);
            this.status = status;
        }
    }
}
