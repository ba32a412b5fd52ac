package io.exactsuite.gatewaysim.idempotency;

import io.exactsuite.gatewaysim.api.ApiException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One namespace of Idempotency-Keys (charges and refunds each have their own). The first request with a
 * key creates; concurrent and later ones with the same key get that same result. Kept in memory for the
 * life of the process: this is a simulator, not a ledger.
 */
public final class IdempotencyKeys<T> {

    private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();

    /**
     * Creates at most once per key. {@code create} runs inside the map's per-key lock, so two racing
     * requests cannot both create; if it throws, nothing is remembered and the key stays free.
     */
    public Outcome<T> once(String key, Fingerprint fingerprint, Supplier<T> create) {
        require(key);
        boolean[] created = { false };
        Entry<T> entry = entries.computeIfAbsent(key, k -> {
            created[0] = true;
            return new Entry<>(fingerprint, create.get());
        });
        if (!entry.fingerprint().equals(fingerprint)) {
            throw ApiException.unprocessable("idempotency_key_reused",
                    "This Idempotency-Key was already used with a different request body");
        }
        return new Outcome<>(entry.result(), !created[0]);
    }

    /** Checked before the body, so a missing key is reported as such whatever else is wrong. */
    public static void require(String key) {
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("idempotency_key_missing", "An Idempotency-Key header is required");
        }
    }

    private record Entry<T>(Fingerprint fingerprint, T result) {
    }

    /** {@code replayed}: the result was created by an earlier request with the same key. */
    public record Outcome<T>(T result, boolean replayed) {
    }
}
