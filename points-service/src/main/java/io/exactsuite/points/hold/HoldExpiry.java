package io.exactsuite.points.hold;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.exactsuite.common.db.DbTime;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Releases holds past their expiry. Each hold is ended in its own transaction under its row lock. */
@ApplicationScoped
public class HoldExpiry {

    private static final Logger LOG = Logger.getLogger(HoldExpiry.class);
    private static final int BATCH = 200;

    @Inject
    HoldService holds;
    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @Scheduled(every = "${points.holds.expiry-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void releaseExpired() {
        List<UUID> due;
        do {
            due = Hold.dueForExpiry(DbTime.now(), BATCH);
            int expired = 0;
            for (UUID id : due) {
                if (holds.expire(id)) {
                    expired++;
                }
            }
            if (expired > 0) {
                metrics.counter("points.holds.expired").increment(expired);
                LOG.infof("Released %d expired holds", expired);
            }
        } while (due.size() == BATCH);
    }
}
