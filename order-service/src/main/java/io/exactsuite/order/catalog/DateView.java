package io.exactsuite.order.catalog;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;
import java.util.UUID;

@RegisterForReflection
public record DateView(UUID productId, LocalDate date, int capacity, int reserved, int sold, int available) {

    public static DateView of(ProductDate date) {
        return new DateView(date.key.productId(), date.key.day(), date.capacity, date.reserved, date.sold,
                date.capacity - date.reserved - date.sold);
    }
}
