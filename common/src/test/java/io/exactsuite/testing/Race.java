package io.exactsuite.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Many threads, one start line: every task waits on one latch, then all run at once. Results come
 * back in task order; a task that throws fails the race.
 */
public final class Race {

    private static final long TIMEOUT_SECONDS = 120;

    private Race() {
    }

    public static <T> List<T> run(int contestants, IntFunction<Callable<T>> task) {
        ExecutorService pool = Executors.newFixedThreadPool(contestants);
        CountDownLatch ready = new CountDownLatch(contestants);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < contestants; i++) {
                Callable<T> work = task.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.call();
                }));
            }
            if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Not every racer reached the start line");
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("Race failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
