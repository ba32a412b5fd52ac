package io.exactsuite.gatewaysim.idempotency;

import java.util.List;

/**
 * What a request asked for, after normalisation ("12.5" and "12.50" USD are the same ask). A replayed
 * Idempotency-Key must carry the same fingerprint; a different one is a client bug, answered 422.
 */
public record Fingerprint(List<String> parts) {

    public static Fingerprint of(String... parts) {
        return new Fingerprint(List.of(parts));
    }
}
