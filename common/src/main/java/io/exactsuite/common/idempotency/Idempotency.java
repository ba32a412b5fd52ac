package io.exactsuite.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.exactsuite.common.auth.Caller;
import io.exactsuite.common.metrics.SuiteMetrics;
import io.exactsuite.common.mutant.Mutants;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.problem.Problem;
import io.exactsuite.common.tx.Transactions;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Idempotency-Key handling (IETF httpapi draft), with the record in the same transaction as the effect.
 *
 * <p>The first request inserts its record and holds that row, uncommitted, while it works; the record
 * and the effect then commit or vanish together. A duplicate's insert blocks on that row inside
 * PostgreSQL (bounded by {@code lock_timeout}), and once the first commits it finds the record and
 * replays the stored response. If the first rolled back, the duplicate simply becomes the first.
 * No JVM-local state is involved, so this holds across any number of replicas.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Set<String> TRANSIENT_CONFLICTS = Set.of("idempotency_key_in_flight", "order_busy", "contention");

    @Inject
    EntityManager em;
    @Inject
    Transactions transactions;
    @Inject
    Caller caller;
    @Inject
    HttpServerRequest request;
    @Inject
    IdempotencyConfig config;
    @Inject
    Mutants mutants;

    private final ObjectWriter canonicalJson;
    private final ObjectMapper json;

    @Inject
    public Idempotency(ObjectMapper json) {
        this.json = json;
        this.canonicalJson = json.writer()
                .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .without(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * Runs {@code effect} at most once per (caller, key): in a transaction that is retried on lost
     * races, alongside the record that makes every later request with the same key a replay.
     *
     * @param key the Idempotency-Key header as received
     * @param requestBody what the client asked for; with the method and path it is the fingerprint
     */
    public Response execute(String key, Object requestBody, Supplier<Outcome> effect) {
        validate(key);
        if (mutants.active(Mutants.SKIP_IDEMPOTENCY)) {
            return transactions.inRetryingTransaction(() -> withoutRecord(effect));
        }
        String owner = caller.id();
        String fingerprint = fingerprint(request.method().name() + " " + request.path(), requestBody);
        try {
            return executeOnce(owner, key, fingerprint, effect);
        } catch (ApiException refusal) {
            if (!isFinalRefusal(refusal)) {
                throw refusal;
            }
            // The effect rolled back with its claim; the refusal is recorded in a second commit. A duplicate that
            // claimed the key in between ran the effect itself, and its answer (recorded first) is everyone's.
            return transactions.inRetryingTransaction(() -> {
                Response earlier = claimOrReplay(owner, key, fingerprint, config.retention());
                return earlier != null ? earlier : record(owner, key, refusal);
            });
        }
    }

    private Response executeOnce(String owner, String key, String fingerprint, Supplier<Outcome> effect) {
        return transactions.inRetryingTransaction(() -> {
            Response earlier = claimOrReplay(owner, key, fingerprint, config.retention());
            if (earlier != null) {
                return earlier;
            }
            setLockTimeout("0"); // the effect's own lock waits are not bounded by the claim's
            Outcome outcome = effect.get();
            String body = toJson(outcome.body());
            em.createNativeQuery("""
                    UPDATE idempotency_record SET status_code = ?1, response_body = ?2, location = ?3
                    WHERE caller = ?4 AND idem_key = ?5""")
                    .setParameter(1, outcome.status())
                    .setParameter(2, body)
                    .setParameter(3, outcome.location())
                    .setParameter(4, owner)
                    .setParameter(5, key)
                    .executeUpdate();
            return response(outcome.status(), body, outcome.location(), false);
        });
    }

    /**
     * Like {@link #execute}, for an effect that calls other services and so must not run inside a
     * transaction: the key is claimed in one short commit (for {@code suite.idempotency.in-flight-lease}),
     * the effect runs with no transaction open, and its outcome is recorded in a second commit. A duplicate
     * meanwhile gets 409 {@code idempotency_key_in_flight}; a failed effect gives the key back, so the
     * client's retry runs again (the effect itself must be safe to resume).
     */
    public Response executeInSteps(String key, Object requestBody, Supplier<Outcome> effect) {
        validate(key);
        if (mutants.active(Mutants.SKIP_IDEMPOTENCY)) {
            return withoutRecord(effect);
        }
        String owner = caller.id();
        String fingerprint = fingerprint(request.method().name() + " " + request.path(), requestBody);
        Response earlier = transactions.inRetryingTransaction(
                () -> claimOrReplay(owner, key, fingerprint, config.inFlightLease()));
        if (earlier != null) {
            return earlier;
        }
        Outcome outcome;
        try {
            outcome = effect.get();
        } catch (ApiException refusal) {
            if (isFinalRefusal(refusal)) {
                return transactions.inRetryingTransaction(() -> record(owner, key, refusal));
            }
            giveBack(owner, key);
            throw refusal;
        } catch (RuntimeException e) {
            giveBack(owner, key);
            throw e;
        }
        String body = toJson(outcome.body());
        transactions.inRetryingTransaction(() -> em.createNativeQuery("""
                UPDATE idempotency_record SET status_code = ?1, response_body = ?2, location = ?3,
                    expires_at = now() + make_interval(secs => ?4)
                WHERE caller = ?5 AND idem_key = ?6""")
                .setParameter(1, outcome.status())
                .setParameter(2, body)
                .setParameter(3, outcome.location())
                .setParameter(4, (double) config.retention().toSeconds())
                .setParameter(5, owner)
                .setParameter(6, key)
                .executeUpdate());
        return response(outcome.status(), body, outcome.location(), false);
    }

    /** A failed effect of {@link #executeInSteps} gives its key back, so the client's retry runs it again. */
    private void giveBack(String owner, String key) {
        transactions.inRetryingTransaction(() -> em.createNativeQuery(
                "DELETE FROM idempotency_record WHERE caller = ?1 AND idem_key = ?2 AND status_code IS NULL")
                .setParameter(1, owner).setParameter(2, key).executeUpdate());
    }

    /**
     * A refusal about the state of things (409: not enough points, sold out, not refundable) is the key's answer
     * for good, so a duplicate or a retry gets the same one. A refusal of the request itself (400, 404, 422: fix it
     * and send it again), a 409 that only says "not now" (still in flight, busy, contention) and any failure
     * (5xx) are not recorded.
     */
    public static boolean isFinalRefusal(ApiException e) {
        return e.status() == 409 && !TRANSIENT_CONFLICTS.contains(e.code());
    }

    /** Stores the refusal as the key's answer in the caller's transaction, which holds the key's claim. */
    private Response record(String owner, String key, ApiException refusal) {
        String body = toJson(Problem.of(refusal.status(), refusal.code(), refusal.title(), refusal.getMessage())
                .withExtensions(refusal.extensions()));
        em.createNativeQuery("""
                UPDATE idempotency_record SET status_code = ?1, response_body = ?2, location = NULL,
                    expires_at = now() + make_interval(secs => ?3)
                WHERE caller = ?4 AND idem_key = ?5""")
                .setParameter(1, refusal.status())
                .setParameter(2, body)
                .setParameter(3, (double) config.retention().toSeconds())
                .setParameter(4, owner)
                .setParameter(5, key)
                .executeUpdate();
        SuiteMetrics.problemAnswered(refusal.code(), refusal.status()); // answered here, not by ProblemMappers
        return response(refusal.status(), body, null, false);
    }

    /**
     * MUTANT {@value Mutants#SKIP_IDEMPOTENCY} (see {@link Mutants}): the effect runs with no record claimed or
     * replayed, and its outcome is answered as fresh, so every duplicate request applies the effect again.
     */
    private Response withoutRecord(Supplier<Outcome> effect) {
        Outcome outcome = effect.get();
        return response(outcome.status(), toJson(outcome.body()), outcome.location(), false);
    }

    /** Checks the header alone, for callers that must refuse a bad key before doing any remote work. */
    public static void validate(String key) {
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("idempotency_key_missing",
                    "State-changing requests need an Idempotency-Key header");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest("idempotency_key_invalid",
                    "The Idempotency-Key header may be at most " + MAX_KEY_LENGTH + " characters");
        }
    }

    /**
     * Claims the key for this transaction and returns null, or returns the answer of the record that already
     * holds it. The common paths are one statement after the lock timeout is set: the insert, then for a held key
     * the read of its record. A duplicate's insert waits (at most {@code wait-timeout}) for an uncommitted claim
     * of the same key. A record whose time is up but which the purge has not removed yet is taken over. The
     * timeout stays set for the rest of the transaction: {@link #executeOnce} resets it before the effect runs.
     */
    private Response claimOrReplay(String owner, String key, String fingerprint, java.time.Duration lifetime) {
        setLockTimeout(config.waitTimeout().toMillis() + "ms");
        if (insertClaim(owner, key, fingerprint, lifetime)) {
            return null;
        }
        Record held = read(owner, key);
        if (held != null && held.expired()) {
            em.createNativeQuery("DELETE FROM idempotency_record WHERE caller = ?1 AND idem_key = ?2 AND expires_at <= now()")
                    .setParameter(1, owner)
                    .setParameter(2, key)
                    .executeUpdate();
            if (insertClaim(owner, key, fingerprint, lifetime)) {
                return null;
            }
            held = read(owner, key);
        }
        return replay(held, fingerprint);
    }

    private boolean insertClaim(String owner, String key, String fingerprint, java.time.Duration lifetime) {
        try {
            return em.createNativeQuery("""
                    INSERT INTO idempotency_record (caller, idem_key, fingerprint, expires_at)
                    VALUES (?1, ?2, ?3, now() + make_interval(secs => ?4))
                    ON CONFLICT (caller, idem_key) DO NOTHING""")
                    .setParameter(1, owner)
                    .setParameter(2, key)
                    .setParameter(3, fingerprint)
                    .setParameter(4, (double) lifetime.toSeconds())
                    .executeUpdate() == 1;
        } catch (PersistenceException e) {
            if (LOCK_NOT_AVAILABLE.equals(Transactions.sqlState(e))) {
                throw inFlight();
            }
            throw e;
        }
    }

    private void setLockTimeout(String value) {
        em.createNativeQuery("SELECT set_config('lock_timeout', ?1, true)").setParameter(1, value).getSingleResult();
    }

    /** The record holding the key, read in a statement of its own: it sees a claim that committed while we waited. */
    private Record read(String owner, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT fingerprint, status_code, response_body, location, expires_at <= now() FROM idempotency_record
                WHERE caller = ?1 AND idem_key = ?2""")
                .setParameter(1, owner)
                .setParameter(2, key)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new Record((String) row[0], row[1] == null ? null : ((Number) row[1]).intValue(), (String) row[2],
                (String) row[3], (Boolean) row[4]);
    }

    private static Response replay(Record held, String fingerprint) {
        if (held == null || held.status() == null) {
            // Still being worked on, or the holder vanished between our insert attempt and the read (purged).
            throw inFlight();
        }
        if (!fingerprint.equals(held.fingerprint())) {
            throw ApiException.unprocessable("idempotency_key_reused",
                    "This Idempotency-Key was already used for a different request");
        }
        SuiteMetrics.idempotentReplay();
        return response(held.status(), held.body(), held.location(), true);
    }

    private static ApiException inFlight() {
        return new ApiException(409, "idempotency_key_in_flight", "Conflict",
                "A request with this Idempotency-Key is still being processed; retry later");
    }

    private record Record(String fingerprint, Integer status, String body, String location, boolean expired) {
    }

    private static Response response(int status, String body, String location, boolean replayed) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(status >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON).entity(body);
        if (location != null) {
            builder.header("Location", location);
        }
        if (replayed) {
            builder.header(REPLAYED_HEADER, "true");
        }
        return builder.build();
    }

    private String fingerprint(String operation, Object requestBody) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(operation.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(canonicalJson.writeValueAsBytes(requestBody));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint request", e);
        }
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize response", e);
        }
    }
}
