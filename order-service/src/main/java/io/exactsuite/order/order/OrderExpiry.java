package io.exactsuite.order.order;

import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.tx.Transactions;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Expires unpaid orders past their TTL, each in its own transaction under the order's row lock. */
@ApplicationScoped
public class OrderExpiry {

    private static final Logger LOG = Logger.getLogger(OrderExpiry.class);

    @Inject
    OrderService orders;
    @Inject
    Transactions transactions;

    @Scheduled(every = "${orders.expiry-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireDue() {
        for (var id : orders.dueForExpiry(200)) {
            try {
                transactions.inRetryingTransaction(() -> orders.expire(id));
            } catch (ApiException e) {
                LOG.warnf("Order %s not expired yet (%s); next run tries again", id, e.getMessage());
            }
        }
    }
}
