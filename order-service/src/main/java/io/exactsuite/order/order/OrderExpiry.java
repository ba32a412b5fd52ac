package io.exactsuite.order.order;

import io.exactsuite.common.problem.ApiException;
import io.exactsuite.order.OrdersConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Expires unpaid orders past their TTL: each one's first step (local) in turn, then their remote steps side by
 * side, at most {@code orders.expiry-concurrency} at once, so one order waiting out a dependency's timeout does
 * not hold back the rest (one at a time, a few faults built a backlog of minutes in the checker's long run).
 * Safe on any number of replicas: an order's change is begun under its row lock, once.
 */
@ApplicationScoped
public class OrderExpiry {

    private static final Logger LOG = Logger.getLogger(OrderExpiry.class);

    @Inject
    Orders orders;
    @Inject
    OrderChanges changes;
    @Inject
    OrdersConfig config;

    private ExecutorService drivers;

    @PostConstruct
    void start() {
        drivers = Executors.newFixedThreadPool(config.expiryConcurrency(), runnable -> {
            Thread thread = new Thread(runnable, "order-expiry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        drivers.shutdownNow();
    }

    @Scheduled(every = "${orders.expiry-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        expireDue();
    }

    /** One round; returns how many orders it began to expire (each finished here, or by the completer). */
    public int expireDue() {
        List<UUID> begun = new ArrayList<>();
        for (UUID id : orders.dueForExpiry(200)) {
            if (changes.beginExpiry(id)) {
                begun.add(id);
            }
        }
        List<Future<?>> driving = new ArrayList<>();
        for (UUID id : begun) {
            driving.add(drivers.submit(() -> drive(id)));
        }
        for (Future<?> each : driving) {
            try {
                each.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.warnf("An expiry failed unexpectedly: %s", e.getCause().toString());
            }
        }
        return begun.size();
    }

    private void drive(UUID id) {
        try {
            changes.driveExpiry(id);
        } catch (ApiException e) {
            LOG.warnf("Order %s: expiry stopped at a step (%s); the completer finishes it", id, e.getMessage());
        }
    }
}
