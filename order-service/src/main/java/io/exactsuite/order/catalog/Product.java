package io.exactsuite.order.catalog;

import io.exactsuite.common.money.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A sellable product. Undated products count capacity here; dated ones (a tour departure, a
 * room-night) count it per day in {@link ProductDate}. {@code @Version} serves the optimistic strategy.
 */
@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String sku;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public ProductKind kind;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public BigDecimal price;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Column(nullable = false, updatable = false)
    public boolean dated;

    @Column(nullable = false)
    public int capacity;

    @Column(nullable = false)
    public int reserved;

    @Column(nullable = false)
    public int sold;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public Money unitPrice() {
        return Money.ofColumns(price, currency);
    }
}
