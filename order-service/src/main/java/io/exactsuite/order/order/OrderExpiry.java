package io.exactsuite.order.order;

import io.exactsuite.common.problem.ApiException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Expires unpaid orders past their TTL, one at a time (see {@link OrderChanges#expire}). */
@ApplicationScoped
public class OrderExpiry {

    private static final Logger LOG = Logger.getLogger(OrderExpiry.class);

    @Inject
    Orders orders;
    @Inject
    OrderChanges changes;

    @Scheduled(every = "${orders.expiry-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireDue() {
        for (var id : orders.dueForExpiry(200)) {
            try {
                changes.expire(id);
            } catch (ApiException e) {
                LOG.warnf("Order %s: expiry stopped at a step (%s); the completer finishes it", id, e.getMessage());
            }
        }
    }
}
