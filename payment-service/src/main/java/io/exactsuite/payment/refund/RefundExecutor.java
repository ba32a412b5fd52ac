package io.exactsuite.payment.refund;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Picks up refunds whose immediate execution failed (gateway down, crash): they are retried until done. */
@ApplicationScoped
public class RefundExecutor {

    @Inject
    RefundService refunds;

    @Scheduled(every = "${payment.refunds.retry-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void executePending() {
        refunds.pending(100).forEach(refunds::execute);
    }
}
