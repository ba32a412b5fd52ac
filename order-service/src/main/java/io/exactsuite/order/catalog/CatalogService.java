package io.exactsuite.order.catalog;

import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.money.PaymentLimits;
import io.exactsuite.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.UUID;

@ApplicationScoped
public class CatalogService {

    @Inject
    EntityManager em;
    @Inject
    PaymentLimits paymentLimits;

    @Transactional
    public Product create(CreateProduct request) {
        Money price = positive(request.price(), request.currency());
        if (Product.count("sku", request.sku()) > 0) {
            throw ApiException.conflict("sku_exists", "A product with SKU " + request.sku() + " exists");
        }
        Product product = new Product();
        product.id = UUID.randomUUID();
        product.sku = request.sku();
        product.kind = request.kind();
        product.name = request.name();
        product.price = price.amount();
        product.currency = price.currencyCode();
        product.dated = Boolean.TRUE.equals(request.dated());
        product.capacity = product.dated ? 0 : request.capacity();
        product.createdAt = DbTime.now();
        product.persist();
        return product;
    }

    /** Capacity changes are one guarded UPDATE, so they can never undercut reservations made meanwhile. */
    @Transactional
    public Product update(UUID id, UpdateProduct request) {
        Product product = find(id);
        if (request.capacity() != null) {
            if (product.dated) {
                throw ApiException.unprocessable("dated_product", "Set a dated product's capacity per date");
            }
            int changed = em.createNativeQuery("""
                    UPDATE product SET capacity = ?1, version = version + 1 WHERE id = ?2 AND reserved + sold <= ?1""")
                    .setParameter(1, request.capacity()).setParameter(2, id).executeUpdate();
            if (changed == 0) {
                throw capacityBelowCommitted(request.capacity());
            }
            em.refresh(product);
        }
        if (request.name() != null) {
            product.name = request.name();
        }
        if (request.price() != null) {
            product.price = positive(request.price(), product.currency).amount();
        }
        return product;
    }

    @Transactional
    public ProductDate setDateCapacity(UUID id, LocalDate day, int capacity) {
        Product product = find(id);
        if (!product.dated) {
            throw ApiException.unprocessable("undated_product", "Product " + id + " is not sold per date");
        }
        int changed = em.createNativeQuery("""
                INSERT INTO product_date (product_id, day, capacity) VALUES (?1, ?2, ?3)
                ON CONFLICT (product_id, day) DO UPDATE SET capacity = EXCLUDED.capacity, version = product_date.version + 1
                WHERE product_date.reserved + product_date.sold <= EXCLUDED.capacity""")
                .setParameter(1, id).setParameter(2, day).setParameter(3, capacity).executeUpdate();
        if (changed == 0) {
            throw capacityBelowCommitted(capacity);
        }
        return date(id, day);
    }

    public Product find(UUID id) {
        Product product = Product.findById(id);
        if (product == null) {
            throw ApiException.notFound("Product " + id);
        }
        return product;
    }

    public ProductDate date(UUID id, LocalDate day) {
        ProductDate date = ProductDate.findById(new ProductDate.Key(id, day));
        if (date == null) {
            throw ApiException.notFound("Product " + id + " on " + day);
        }
        return date;
    }

    public ProductView view(Product product) {
        if (!product.dated) {
            return ProductView.of(product, product.capacity, product.reserved, product.sold);
        }
        Object[] sums = (Object[]) em.createNativeQuery("""
                SELECT coalesce(sum(capacity), 0), coalesce(sum(reserved), 0), coalesce(sum(sold), 0)
                FROM product_date WHERE product_id = ?1""").setParameter(1, product.id).getSingleResult();
        return ProductView.of(product, ((Number) sums[0]).intValue(), ((Number) sums[1]).intValue(),
                ((Number) sums[2]).intValue());
    }

    /** Counters and the order lines behind them, read in one statement. */
    public ProductAudit audit(UUID id) {
        find(id);
        Object[] row = (Object[]) em.createNativeQuery("""
                WITH units AS (
                    SELECT o.status, l.quantity * CASE WHEN l.check_in IS NULL THEN 1 ELSE (l.check_out - l.check_in) END AS n
                    FROM order_line l JOIN customer_order o ON o.id = l.order_id WHERE l.product_id = ?1),
                counters AS (
                    SELECT p.capacity, p.reserved, p.sold FROM product p WHERE p.id = ?1 AND NOT p.dated
                    UNION ALL
                    SELECT d.capacity, d.reserved, d.sold FROM product_date d WHERE d.product_id = ?1)
                SELECT (SELECT coalesce(sum(capacity), 0) FROM counters),
                       (SELECT coalesce(sum(reserved), 0) FROM counters),
                       (SELECT coalesce(sum(sold), 0) FROM counters),
                       (SELECT coalesce(sum(n), 0) FROM units WHERE status = 'PENDING_PAYMENT'),
                       (SELECT coalesce(sum(n), 0) FROM units WHERE status IN ('PAID', 'FULFILLED'))""")
                .setParameter(1, id).getSingleResult();
        int capacity = ((Number) row[0]).intValue();
        int reserved = ((Number) row[1]).intValue();
        int sold = ((Number) row[2]).intValue();
        long reservedByOrders = ((Number) row[3]).longValue();
        long soldByOrders = ((Number) row[4]).longValue();
        return new ProductAudit(capacity, reserved, sold, reservedByOrders, soldByOrders,
                reserved == reservedByOrders && sold == soldByOrders && reserved + sold <= capacity);
    }

    /** A price one unit of which a payment can carry: positive, exact in the currency, within its payment maximum. */
    private Money positive(java.math.BigDecimal amount, String currency) {
        Money price = Money.parse(amount, currency, "price");
        if (!price.isPositive()) {
            throw ApiException.invalidField("price", "must be greater than 0");
        }
        PaymentLimits.requirePayable(paymentLimits, price, "price");
        return price;
    }

    private static ApiException capacityBelowCommitted(int capacity) {
        return ApiException.conflict("capacity_below_committed",
                "Capacity " + capacity + " is below what is already reserved and sold");
    }
}
