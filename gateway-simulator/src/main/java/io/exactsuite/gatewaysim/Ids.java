package io.exactsuite.gatewaysim;

import java.util.UUID;

/**
 * Gateway-style ids: {@code ch_}, {@code re_}, {@code evt_} + 32 lowercase hex digits (122 random bits).
 * UUID's own SecureRandom holder keeps this native-image safe (no Random instance in a static field of ours).
 */
public final class Ids {

    private Ids() {
    }

    public static String next(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }
}
