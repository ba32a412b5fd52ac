package io.exactsuite.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A Jepsen-style history: every client operation is recorded when invoked and again when its outcome is
 * known. Thread-safe; many client threads share one instance. Times are ms since the history was created,
 * measured with {@link System#nanoTime()} so wall-clock jumps cannot reorder operations.
 */
public final class History {

    /**
     * One operation. While in flight {@code completedAtMs} is -1 and {@code outcome} is null.
     *
     * @param key the Idempotency-Key sent with the request, or null
     */
    public record Op(long id, String type, String key, long invokedAtMs, long completedAtMs, Outcome outcome,
            String detail) {

        public boolean inFlight() {
            return outcome == null;
        }

        /** For counting: an operation that never completed may still have taken effect. */
        public Outcome outcomeOrUnknown() {
            return outcome == null ? Outcome.UNKNOWN : outcome;
        }
    }

    private final LongSupplier nanoTime;
    private final long startedAtNanos;
    private final long startedAtEpochMs = System.currentTimeMillis();
    private final AtomicLong nextId = new AtomicLong(1);
    // Sorted by id so ops() needs no sort, and concurrent so invoke/complete never block each other.
    private final ConcurrentSkipListMap<Long, Op> ops = new ConcurrentSkipListMap<>();

    public History() {
        this(System::nanoTime);
    }

    /** For tests and report previews that need operations at chosen times. */
    History(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.startedAtNanos = nanoTime.getAsLong();
    }

    /** Operations invoked so far. */
    public long invoked() {
        return nextId.get() - 1;
    }

    public long invoke(String type, String key) {
        Objects.requireNonNull(type, "type");
        long id = nextId.getAndIncrement();
        ops.put(id, new Op(id, type, key, elapsedMs(), -1, null, null));
        return id;
    }

    public void complete(long opId, Outcome outcome, String detail) {
        Objects.requireNonNull(outcome, "outcome");
        long completedAtMs = elapsedMs();
        ops.compute(opId, (id, op) -> {
            if (op == null) {
                throw new IllegalArgumentException("no operation " + opId);
            }
            // Completing twice would silently overwrite what the checker saw first.
            if (!op.inFlight()) {
                throw new IllegalStateException("operation " + opId + " already completed as " + op.outcome());
            }
            return new Op(id, op.type(), op.key(), op.invokedAtMs(), completedAtMs, outcome, detail);
        });
    }

    /** A snapshot copy, ordered by id (which is invocation order). */
    public List<Op> ops() {
        return new ArrayList<>(ops.values());
    }

    public long startedAtEpochMs() {
        return startedAtEpochMs;
    }

    /** The history's clock, for timing faults and the end of the run on the same scale as operations. */
    public long elapsedMs() {
        return (nanoTime.getAsLong() - startedAtNanos) / 1_000_000;
    }

    /** Per type (sorted), the count of every outcome (all three present); in-flight counts as UNKNOWN. */
    public Map<String, Map<Outcome, Long>> countsByType() {
        return countByType(ops());
    }

    /** Counts one snapshot, so a report's totals and timeline agree even while clients still run. */
    static Map<String, Map<Outcome, Long>> countByType(List<Op> snapshot) {
        Map<String, Map<Outcome, Long>> counts = new TreeMap<>();
        for (Op op : snapshot) {
            counts.computeIfAbsent(op.type(), type -> zeroCounts()).merge(op.outcomeOrUnknown(), 1L, Long::sum);
        }
        counts.replaceAll((type, byOutcome) -> Collections.unmodifiableMap(byOutcome));
        return Collections.unmodifiableMap(counts);
    }

    private static Map<Outcome, Long> zeroCounts() {
        Map<Outcome, Long> zero = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            zero.put(outcome, 0L);
        }
        return zero;
    }
}
