package io.exactsuite.order.inventory;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.UUID;

/** Units of one product, on one day for dated products ({@code day} null otherwise). */
public record Slot(UUID productId, LocalDate day, int quantity) {

    /** The one lock order for every multi-row change: product id, then day. Same order everywhere → no deadlock. */
    public static final Comparator<Slot> LOCK_ORDER = Comparator.comparing(Slot::productId)
            .thenComparing(Slot::day, Comparator.nullsFirst(Comparator.naturalOrder()));
}
