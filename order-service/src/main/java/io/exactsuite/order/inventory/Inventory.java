package io.exactsuite.order.inventory;

import io.exactsuite.common.mutant.Mutants;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.order.OrdersConfig;
import io.exactsuite.order.catalog.Product;
import io.exactsuite.order.catalog.ProductDate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reserves, sells and returns stock. Rows are always touched in {@link Slot#LOCK_ORDER}, so two orders
 * for the same products in any line order queue instead of deadlocking. How a reservation is decided
 * is configurable ({@code orders.inventory.locking}): every strategy keeps reserved + sold ≤ capacity,
 * and a CHECK constraint backs them all.
 */
@ApplicationScoped
public class Inventory {

    public enum Locking {
        /** Lock the row (SELECT … FOR UPDATE), check, then add. */
        PESSIMISTIC,
        /** Read, check and add; the @Version check at flush rejects a lost race and the whole transaction reruns. */
        OPTIMISTIC,
        /** One UPDATE … WHERE capacity - reserved - sold >= quantity; no row, no stock. */
        GUARDED_UPDATE
    }

    @Inject
    EntityManager em;
    @Inject
    OrdersConfig config;
    @Inject
    Mutants mutants;

    public Locking locking() {
        return Locking.valueOf(config.inventory().locking().toUpperCase().replace('-', '_'));
    }

    /** All slots or none: the first that cannot be had throws 409 sold_out and the transaction rolls back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reserve(Collection<Slot> slots) {
        Locking locking = locking();
        for (Slot slot : merged(slots)) {
            boolean reserved = switch (locking) {
                case PESSIMISTIC -> reserveLocked(slot, LockModeType.PESSIMISTIC_WRITE);
                case OPTIMISTIC -> reserveLocked(slot, LockModeType.NONE);
                case GUARDED_UPDATE -> mutants.active(Mutants.INVENTORY_READ_MODIFY_WRITE)
                        ? unguardedReadModifyWrite(slot)
                        : change(slot, "reserved = reserved + ?1", "capacity - reserved - sold >= ?1");
            };
            if (!reserved) {
                throw soldOut(slot);
            }
        }
        if (locking == Locking.OPTIMISTIC) {
            em.flush(); // surface a version conflict here, inside the retried transaction
        }
    }

    /**
     * After {@link #reserve}, in its transaction: refuses (409 unpaid_units_limit) when the customer's unpaid
     * orders would then hold more than {@code orders.inventory.max-unpaid-units-per-slot} of a slot. Every slot's
     * row is locked by now, so a concurrent order of the same customer for the same slot waits for this
     * transaction and then sees its lines: the check cannot be raced, on one replica or many.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireWithinUnpaidLimit(String customerId, Collection<Slot> ordering) {
        int limit = config.inventory().maxUnpaidUnitsPerSlot();
        if (limit <= 0) {
            return; // off
        }
        List<Slot> wanted = merged(ordering);
        List<UUID> products = wanted.stream().map(Slot::productId).distinct().toList();
        @SuppressWarnings("unchecked")
        List<Object[]> unpaid = em.createNativeQuery("""
                SELECT l.product_id, l.day, l.check_in, l.check_out, l.quantity
                FROM order_line l JOIN customer_order o ON o.id = l.order_id
                WHERE o.customer_id = ?1 AND o.status = 'PENDING_PAYMENT' AND l.product_id IN (?2)""")
                .setParameter(1, customerId).setParameter(2, products).getResultList();
        Map<Slot, Integer> held = new HashMap<>();
        for (Object[] line : unpaid) {
            UUID product = (UUID) line[0];
            int quantity = ((Number) line[4]).intValue();
            for (LocalDate day : days(date(line[1]), date(line[2]), date(line[3]))) {
                held.merge(new Slot(product, day, 0), quantity, Integer::sum);
            }
        }
        for (Slot slot : wanted) {
            int already = held.getOrDefault(new Slot(slot.productId(), slot.day(), 0), 0);
            if (already + slot.quantity() > limit) {
                String what = "product " + slot.productId() + (slot.day() == null ? "" : " on " + slot.day());
                throw new ApiException(409, "unpaid_units_limit", "Conflict", "Unpaid orders may hold at most " + limit
                        + " units of " + what + "; " + already + " are held already. Pay or cancel an order first.",
                        Map.of("productId", slot.productId().toString(), "limit", limit, "held", already));
            }
        }
    }

    private static LocalDate date(Object column) {
        return column == null ? null : column instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) column;
    }

    /** The slots' days of one line: its date, each night of its stay, or the one undated slot (null). */
    private static List<LocalDate> days(LocalDate day, LocalDate checkIn,
            LocalDate checkOut) {
        if (checkIn != null) {
            return checkIn.datesUntil(checkOut).toList();
        }
        return Collections.singletonList(day);
    }

    /** Payment arrived: reserved units become sold. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sell(Collection<Slot> slots) {
        for (Slot slot : merged(slots)) {
            require(change(slot, "reserved = reserved - ?1, sold = sold + ?1", "reserved >= ?1"), slot);
        }
    }

    /** Cancelled or expired before payment: reserved units become available again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(Collection<Slot> slots) {
        for (Slot slot : merged(slots)) {
            require(change(slot, "reserved = reserved - ?1", "reserved >= ?1"), slot);
        }
    }

    /** Refunded after payment: sold units become available again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void restock(Collection<Slot> slots) {
        for (Slot slot : merged(slots)) {
            require(change(slot, "sold = sold - ?1", "sold >= ?1"), slot);
        }
    }

    /** A plain read, no lock: whether every slot could be sold right now (a later sell still decides). */
    public boolean allAvailable(Collection<Slot> slots) {
        return merged(slots).stream().allMatch(slot -> available(slot, ""));
    }

    /**
     * A late payment for an order whose reservation lapsed: sell every slot again if all are free right now,
     * else change nothing and answer false. Never oversells to honour it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean sellIfAllAvailable(Collection<Slot> slots) {
        List<Slot> ordered = merged(slots);
        for (Slot slot : ordered) {
            if (!available(slot, " FOR UPDATE")) {
                return false;
            }
        }
        for (Slot slot : ordered) {
            require(change(slot, "sold = sold + ?1", "capacity - reserved - sold >= ?1"), slot);
        }
        return true;
    }

    private boolean available(Slot slot, String lock) {
        String sql = slot.day() == null
                ? "SELECT capacity - reserved - sold FROM product WHERE id = ?1" + lock
                : "SELECT capacity - reserved - sold FROM product_date WHERE product_id = ?1 AND day = ?2" + lock;
        var query = em.createNativeQuery(sql).setParameter(1, slot.productId());
        if (slot.day() != null) {
            query.setParameter(2, slot.day());
        }
        List<?> available = query.getResultList();
        return !available.isEmpty() && ((Number) available.get(0)).intValue() >= slot.quantity();
    }

    private boolean reserveLocked(Slot slot, LockModeType lock) {
        if (slot.day() == null) {
            Product product = em.find(Product.class, slot.productId());
            if (product == null) {
                return false;
            }
            if (lock != LockModeType.NONE) {
                em.refresh(product, lock); // a copy read earlier in this transaction may be stale
            }
            if (product.capacity - product.reserved - product.sold < slot.quantity()) {
                return false;
            }
            product.reserved += slot.quantity();
            return true;
        }
        ProductDate date = em.find(ProductDate.class, new ProductDate.Key(slot.productId(), slot.day()));
        if (date == null) {
            return false;
        }
        if (lock != LockModeType.NONE) {
            em.refresh(date, lock);
        }
        if (date.capacity - date.reserved - date.sold < slot.quantity()) {
            return false;
        }
        date.reserved += slot.quantity();
        return true;
    }

    /**
     * MUTANT {@value Mutants#INVENTORY_READ_MODIFY_WRITE} (see {@link Mutants}), in place of the guarded UPDATE:
     * the counters are read with a plain SELECT (no lock), availability is checked in Java, and {@code reserved}
     * is written back as an absolute value. Concurrent reservations overwrite each other, so the counters drift
     * from the orders; the CHECK constraint still refuses a counter above capacity.
     */
    private boolean unguardedReadModifyWrite(Slot slot) {
        String table = slot.day() == null ? "product" : "product_date";
        String where = slot.day() == null ? " WHERE id = :product" : " WHERE product_id = :product AND day = :day";
        var read = em.createNativeQuery("SELECT capacity - reserved - sold, reserved FROM " + table + where)
                .setParameter("product", slot.productId());
        var write = em.createNativeQuery("UPDATE " + table + " SET reserved = :reserved, version = version + 1" + where)
                .setParameter("product", slot.productId());
        if (slot.day() != null) {
            read.setParameter("day", slot.day());
            write.setParameter("day", slot.day());
        }
        List<?> counters = read.getResultList();
        if (counters.isEmpty() || ((Number) ((Object[]) counters.get(0))[0]).intValue() < slot.quantity()) {
            return false;
        }
        int reserved = ((Number) ((Object[]) counters.get(0))[1]).intValue() + slot.quantity();
        return write.setParameter("reserved", reserved).executeUpdate() == 1;
    }

    /** One guarded UPDATE; {@code version} moves too so optimistic readers see the change. */
    private boolean change(Slot slot, String set, String guard) {
        String sql = slot.day() == null
                ? "UPDATE product SET " + set + ", version = version + 1 WHERE id = ?2 AND " + guard
                : "UPDATE product_date SET " + set + ", version = version + 1 WHERE product_id = ?2 AND day = ?3 AND " + guard;
        var query = em.createNativeQuery(sql).setParameter(1, slot.quantity()).setParameter(2, slot.productId());
        if (slot.day() != null) {
            query.setParameter(3, slot.day());
        }
        return query.executeUpdate() == 1;
    }

    private static void require(boolean changed, Slot slot) {
        if (!changed) {
            throw new IllegalStateException("Inventory counters disagree with order lines for " + slot);
        }
    }

    /** Same product and day on several lines count as one slot; sorted into lock order. */
    static List<Slot> merged(Collection<Slot> slots) {
        Map<Slot, Integer> totals = slots.stream().collect(Collectors.groupingBy(
                slot -> new Slot(slot.productId(), slot.day(), 0), Collectors.summingInt(Slot::quantity)));
        return totals.entrySet().stream()
                .map(entry -> new Slot(entry.getKey().productId(), entry.getKey().day(), entry.getValue()))
                .sorted(Slot.LOCK_ORDER).toList();
    }

    private static ApiException soldOut(Slot slot) {
        String what = "Product " + slot.productId() + (slot.day() == null ? "" : " on " + slot.day());
        return new ApiException(409, "sold_out", "Conflict", what + " does not have " + slot.quantity() + " left",
                slot.day() == null ? Map.of("productId", slot.productId().toString())
                        : Map.of("productId", slot.productId().toString(), "date", slot.day().toString()));
    }
}
