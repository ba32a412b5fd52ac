package io.exactsuite.payment.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.exactsuite.common.money.DecimalStringJson;
import io.exactsuite.payment.PaymentConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Owns the fault-tolerance policy of the gateway calls. Retrying is safe for all four: the fetches are
 * GETs and both POSTs carry an Idempotency-Key the gateway dedupes on. A 4xx is our request's fault, so
 * it is neither retried nor counted against the gateway's health.
 */
@ApplicationScoped
// Calls leave the caller's database transaction suspended: the REST client runs on other threads, and a
// transaction those threads had joined could not be rolled back cleanly when a call fails.
@Transactional(Transactional.TxType.NOT_SUPPORTED)
class HttpGatewayClient {

    @Inject
    PaymentConfig config;
    /**
     * The gateway's answers are read leniently, not with the strict request parser: its free text (a refund's
     * failureReason) may hold a line break and it may add fields; refusing to read such an answer would leave the
     * refund or charge "gateway down" and retried forever. Money stays exact (decimal strings, never floats).
     */
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(DecimalStringJson.module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private volatile HttpGatewayApi api;

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = GatewayRejected.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = GatewayRejected.class)
    public HttpGatewayApi.ChargeBody createCharge(String reference, BigDecimal amount, String currency, String idempotencyKey) {
        return read(() -> api().createCharge(authorization(), idempotencyKey,
                new HttpGatewayApi.NewCharge(reference, amount, currency)), HttpGatewayApi.ChargeBody.class);
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = GatewayRejected.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = GatewayRejected.class)
    public HttpGatewayApi.ChargeBody fetchCharge(String chargeId) {
        return read(() -> api().fetchCharge(authorization(), chargeId), HttpGatewayApi.ChargeBody.class);
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = GatewayRejected.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = GatewayRejected.class)
    public HttpGatewayApi.RefundBody refund(String chargeId, BigDecimal amount, String currency, String idempotencyKey) {
        return read(() -> api().refund(authorization(), idempotencyKey,
                new HttpGatewayApi.NewRefund(chargeId, amount, currency)), HttpGatewayApi.RefundBody.class);
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = GatewayRejected.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = GatewayRejected.class)
    public HttpGatewayApi.RefundBody fetchRefund(String refundId) {
        return read(() -> api().fetchRefund(authorization(), refundId), HttpGatewayApi.RefundBody.class);
    }

    /** 2xx → the body; 4xx → {@link GatewayRejected} with the gateway's problem code; 5xx → thrown, to be retried. */
    private <T> T read(Supplier<Response> call, Class<T> type) {
        try (Response response = call.get()) {
            int status = response.getStatus();
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (status >= 200 && status < 300) {
                return JSON.readValue(body, type);
            }
            if (status >= 400 && status < 500) {
                JsonNode problem = parseQuietly(body);
                throw new GatewayRejected(status, problem.path("code").asText(""), problem.path("detail").asText(null));
            }
            throw new GatewayDown("the gateway answered " + status);
        } catch (IOException e) {
            throw new GatewayDown("the gateway answered something that is not the expected JSON");
        }
    }

    private JsonNode parseQuietly(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private String authorization() {
        return "Bearer " + config.gateway().secretKey();
    }

    private HttpGatewayApi api() {
        if (api == null) {
            api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(config.gateway().baseUrl()))
                    .connectTimeout(2, TimeUnit.SECONDS).readTimeout(3, TimeUnit.SECONDS)
                    .build(HttpGatewayApi.class);
        }
        return api;
    }

    /** The gateway failed (5xx) or answered nonsense: retried, and counted by the circuit breaker. */
    static class GatewayDown extends RuntimeException {
        GatewayDown(String message) {
            super(message, null, false, false);
        }
    }
}
