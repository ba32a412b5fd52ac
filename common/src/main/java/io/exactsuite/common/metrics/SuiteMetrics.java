package io.exactsuite.common.metrics;

import io.micrometer.core.instrument.Metrics;

/**
 * Counters for the invariants themselves, the same names in every service (docs: deploy/RUNBOOK.md, the Grafana
 * dashboard): every problem answered by its code (so {@code code="sold_out"} counts oversell refused and
 * {@code code="insufficient_points"} points refused), requests answered from an idempotent record, and duplicate
 * deliveries suppressed. Recorded on Micrometer's global registry, which Quarkus backs with its Prometheus one.
 */
public final class SuiteMetrics {

    private SuiteMetrics() {
    }

    public static void problemAnswered(String code, int status) {
        Metrics.counter("suite.problems", "code", code == null ? "none" : code, "status", String.valueOf(status)).increment();
    }

    public static void idempotentReplay() {
        Metrics.counter("suite.idempotent.replays").increment();
    }

    /** {@code what}: "payment_event" (an owner service's inbox), "webhook" (payment-service's gateway inbox). */
    public static void duplicateSuppressed(String what) {
        Metrics.counter("suite.duplicates.suppressed", "what", what).increment();
    }

    /** A payment that succeeded after its purchase or order lapsed: "honoured" or "refunded". */
    public static void latePayment(String service, String outcome) {
        Metrics.counter(service + ".late.payments", "outcome", outcome).increment();
    }
}
