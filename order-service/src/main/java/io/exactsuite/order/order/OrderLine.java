package io.exactsuite.order.order;

import io.exactsuite.order.inventory.Slot;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

@Entity
@Table(name = "order_line")
public class OrderLine extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id", updatable = false)
    public Order order;

    @Column(name = "line_no", nullable = false, updatable = false)
    public int lineNo;

    @Column(name = "product_id", nullable = false, updatable = false)
    public UUID productId;

    @Column(updatable = false)
    public LocalDate day;

    @Column(name = "check_in", updatable = false)
    public LocalDate checkIn;

    @Column(name = "check_out", updatable = false)
    public LocalDate checkOut;

    @Column(nullable = false, updatable = false)
    public int quantity;

    @Column(name = "unit_price", nullable = false, updatable = false)
    public BigDecimal unitPrice;

    @Column(nullable = false, updatable = false)
    public BigDecimal subtotal;

    /** One slot for an undated or single-date line; one per night of a [checkIn, checkOut) stay. */
    public List<Slot> slots() {
        if (checkIn != null) {
            return Stream.iterate(checkIn, night -> night.isBefore(checkOut), night -> night.plusDays(1))
                    .map(night -> new Slot(productId, night, quantity)).toList();
        }
        return List.of(new Slot(productId, day, quantity));
    }

    public long units() {
        return (long) quantity * slots().size();
    }
}
