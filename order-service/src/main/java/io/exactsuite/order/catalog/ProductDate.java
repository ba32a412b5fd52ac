package io.exactsuite.order.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.UUID;

/** Capacity of a dated product on one day. */
@Entity
@Table(name = "product_date")
public class ProductDate extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public int capacity;

    @Column(nullable = false)
    public int reserved;

    @Column(nullable = false)
    public int sold;

    @Version
    public long version;

    @Embeddable
    public record Key(@Column(name = "product_id") UUID productId, @Column(name = "day") LocalDate day)
            implements Serializable {
    }
}
