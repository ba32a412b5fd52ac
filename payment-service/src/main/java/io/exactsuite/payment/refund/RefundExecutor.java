package io.exactsuite.payment.refund;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Picks up booked refunds that are due: never executed (a crash right after booking), waiting on an
 * unreachable gateway, or pending at the gateway and due for another look. Safe on any number of
 * replicas: each execution claims its refund under a lease first.
 */
@ApplicationScoped
public class RefundExecutor {

    @Inject
    RefundService refunds;

    @Scheduled(every = "${payment.refunds.retry-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void executeDue() {
        refunds.due(100).forEach(refunds::execute);
    }
}
