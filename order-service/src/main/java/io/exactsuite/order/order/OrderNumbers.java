package io.exactsuite.order.order;

import io.exactsuite.common.ids.RandomCodes;
import io.exactsuite.order.OrdersConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ORD-20261122-7KQ2M9XD: readable, unique, not enumerable. A number already taken is drawn again; the
 * unique constraint settles the rare race between two transactions drawing the same free number.
 */
@ApplicationScoped
public class OrderNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    static final int MAX_DRAWS = 64;

    @Inject
    OrdersConfig config;

    private final Counter collisions;

    @Inject
    public OrderNumbers(MeterRegistry registry) {
        this.collisions = Counter.builder("orders.number.collisions")
                .description("Order numbers drawn again because they were taken").register(registry);
    }

    public String next() {
        String prefix = "ORD-" + LocalDate.now(ZoneOffset.UTC).format(DAY) + "-";
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            String candidate = prefix + RandomCodes.crockford(config.numberRandomLength());
            if (Order.count("orderNo", candidate) == 0) {
                return candidate;
            }
            collisions.increment();
        }
        throw new IllegalStateException("No free order number after " + MAX_DRAWS + " draws");
    }
}
