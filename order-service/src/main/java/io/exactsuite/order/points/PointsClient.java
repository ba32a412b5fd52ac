package io.exactsuite.order.points;

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

/**
 * Owns the fault-tolerance policy for points-service, on every method: 2 s timeout; 2 retries with jitter, safe because
 * every call carries an Idempotency-Key; a breaker per method that opens at 50 % failures over 10 calls, for 10 s.
 * A 4xx is an answer, returned as a {@link Reply}, neither retried nor counted.
 */
@ApplicationScoped
// Calls leave the caller's database transaction suspended: the REST client runs on other threads, and a
// transaction those threads had joined could not be rolled back cleanly when a call fails.
@Transactional(Transactional.TxType.NOT_SUPPORTED)
@Timeout(value = 2, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 200, jitter = 100)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
public class PointsClient {

    @Inject
    @RestClient
    PointsHttp http;
    @Inject
    OrdersConfig config;

    /**
     * Placed with the customer's own token, so points-service itself checks the account is theirs; the key is the
     * hold's business reference too, so at most one hold is ever placed for it and it can be voided by name.
     */
    public Reply hold(String customerToken, String key, UUID accountId, long points, long ttlSeconds, String reason) {
        return Reply.of(http.hold("Bearer " + customerToken, key, key, accountId,
                Map.of("points", points, "ttlSeconds", ttlSeconds, "reason", reason)));
    }

    public Reply voidHold(String key, String reference, UUID accountId) {
        return Reply.of(http.voidHold(service(), key, reference, accountId));
    }

    /** The hold as points-service sees it: HELD, CAPTURED, RELEASED or EXPIRED. */
    public Reply hold(UUID holdId) {
        return Reply.of(http.hold(service(), holdId));
    }

    /** Keyed calls that write the ledger send their key as the effect's durable business reference too. */
    public Reply capture(String key, UUID holdId) {
        return Reply.of(http.capture(service(), key, key, holdId));
    }

    public Reply release(String key, UUID holdId) {
        return Reply.of(http.release(service(), key, holdId));
    }

    public Reply earn(String key, UUID accountId, long points, String reason) {
        return Reply.of(http.earn(service(), key, key, accountId, Map.of("points", points, "reason", reason)));
    }

    public Reply spend(String key, UUID accountId, long points, String reason) {
        return Reply.of(http.spend(service(), key, key, accountId, Map.of("points", points, "reason", reason)));
    }

    public Reply reverse(String key, long entryId) {
        return Reply.of(http.reverse(service(), key, key, entryId));
    }

    private String service() {
        return "Bearer " + config.serviceToken();
    }
}
