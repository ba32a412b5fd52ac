package io.exactsuite.check;

import java.util.Objects;

/**
 * One injected fault, timed on the {@link History} clock (ms since the history's start).
 *
 * @param kind       e.g. "replica-kill", "postgres-kill", "connection-cut", "gateway-chaos"
 * @param target     what was hit, e.g. "order-service#2"
 * @param atMs       when the fault was injected
 * @param healedAtMs when it was healed, or -1 for an instantaneous fault (a SIGKILL with no interval)
 * @param detail     free text for the report
 */
public record FaultEvent(String kind, String target, long atMs, long healedAtMs, String detail) {

    public FaultEvent {
        Objects.requireNonNull(kind, "kind");
        if (healedAtMs >= 0 && healedAtMs < atMs) {
            throw new IllegalArgumentException("healed at " + healedAtMs + " ms before injected at " + atMs + " ms");
        }
    }

    public static FaultEvent instantaneous(String kind, String target, long atMs, String detail) {
        return new FaultEvent(kind, target, atMs, -1, detail);
    }

    public boolean isInstantaneous() {
        return healedAtMs < 0;
    }
}
