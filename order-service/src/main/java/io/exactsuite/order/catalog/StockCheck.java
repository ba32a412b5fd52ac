package io.exactsuite.order.catalog;

import io.exactsuite.common.metrics.CountingAuditCheck;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every product's reserved and sold counters equal the units of the order lines behind them (the per-product audit,
 * {@link CatalogService#audit}, over all products), and no slot holds more than its capacity.
 */
@ApplicationScoped
public class StockCheck extends CountingAuditCheck {

    public StockCheck() {
        super("product-stock", """
                WITH units AS (
                    SELECT l.product_id,
                           sum(l.quantity * CASE WHEN l.check_in IS NULL THEN 1 ELSE (l.check_out - l.check_in) END)
                               FILTER (WHERE o.status = 'PENDING_PAYMENT') AS reserved,
                           sum(l.quantity * CASE WHEN l.check_in IS NULL THEN 1 ELSE (l.check_out - l.check_in) END)
                               FILTER (WHERE o.status IN ('PAID', 'FULFILLED')) AS sold
                    FROM order_line l JOIN customer_order o ON o.id = l.order_id GROUP BY l.product_id),
                slots AS (
                    SELECT p.id AS product_id, p.capacity, p.reserved, p.sold FROM product p WHERE NOT p.dated
                    UNION ALL
                    SELECT d.product_id, d.capacity, d.reserved, d.sold FROM product_date d),
                counters AS (
                    SELECT product_id, sum(reserved) AS reserved, sum(sold) AS sold,
                           bool_or(reserved + sold > capacity) AS over
                    FROM slots GROUP BY product_id)
                SELECT count(*) FROM product p
                LEFT JOIN counters c ON c.product_id = p.id
                LEFT JOIN units u ON u.product_id = p.id
                WHERE coalesce(c.reserved, 0) <> coalesce(u.reserved, 0)
                   OR coalesce(c.sold, 0) <> coalesce(u.sold, 0)
                   OR coalesce(c.over, false)""");
    }
}
