package io.exactsuite.gatewaysim;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs delayed state changes (fail-then-succeed, pending refunds settling). Its own small thread, so
 * a slow webhook receiver never holds a charge back; stopped with the application.
 */
@ApplicationScoped
public class Later {

    private static final Logger LOG = Logger.getLogger(Later.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "simulator-later");
        thread.setDaemon(true);
        return thread;
    });

    public void run(Duration after, Runnable task) {
        timer.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("A delayed simulator task failed", e);
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
