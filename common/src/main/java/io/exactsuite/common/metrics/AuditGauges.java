package io.exactsuite.common.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Runs the service's {@link AuditCheck}s every {@code suite.audit.every} (default 60s; "off" disables) and keeps
 * {@code suite.audit.inconsistencies{check}} at what the last run found. Each replica runs them; they only read.
 * Anything above 0 is logged as an error and pages (deploy/observability/prometheus-rules.yaml).
 */
@ApplicationScoped
public class AuditGauges {

    private static final Logger LOG = Logger.getLogger(AuditGauges.class);

    @Inject
    Instance<AuditCheck> checks;
    @Inject
    MeterRegistry metrics;

    private final Map<String, AtomicLong> found = new ConcurrentHashMap<>();

    @Scheduled(every = "${suite.audit.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        runAll();
    }

    /** Runs every check now; returns what each found. */
    public Map<String, Long> runAll() {
        Map<String, Long> results = new TreeMap<>();
        for (AuditCheck check : checks) {
            long inconsistent = QuarkusTransaction.requiringNew().call(check::inconsistent);
            found.computeIfAbsent(check.name(), name -> metrics.gauge("suite.audit.inconsistencies",
                    io.micrometer.core.instrument.Tags.of("check", name), new AtomicLong())).set(inconsistent);
            if (inconsistent > 0) {
                LOG.errorf("Audit %s: %d rows break the invariant", check.name(), inconsistent);
            }
            results.put(check.name(), inconsistent);
        }
        return results;
    }
}
