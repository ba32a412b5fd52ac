package io.exactsuite.common.idempotency;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Deletes expired Idempotency-Key records every {@code suite.idempotency.purge-every} (default 1h).
 * Claims already ignore expired records; any replica may run this, deleting twice is harmless.
 */
@ApplicationScoped
public class IdempotencyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class);

    @Inject
    EntityManager em;

    @Scheduled(every = "${suite.idempotency.purge-every:1h}", delayed = "${suite.idempotency.purge-every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void purgeExpired() {
        int purged = em.createNativeQuery("DELETE FROM idempotency_record WHERE expires_at <= now()").executeUpdate();
        if (purged > 0) {
            LOG.debugf("Purged %d expired idempotency records", purged);
        }
    }
}
