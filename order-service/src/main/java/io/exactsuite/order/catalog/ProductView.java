package io.exactsuite.order.catalog;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.UUID;

/** For a dated product the counters are summed over its days. */
@RegisterForReflection
public record ProductView(UUID id, String sku, ProductKind kind, String name, BigDecimal price, String currency,
        boolean dated, int capacity, int reserved, int sold, int available) {

    public static ProductView of(Product product, int capacity, int reserved, int sold) {
        return new ProductView(product.id, product.sku, product.kind, product.name, product.unitPrice().amount(),
                product.currency, product.dated, capacity, reserved, sold, capacity - reserved - sold);
    }
}
