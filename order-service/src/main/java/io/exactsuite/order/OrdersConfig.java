package io.exactsuite.order;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "orders")
public interface OrdersConfig {

    Inventory inventory();

    /** How long an order waits for its payment before the expiry job releases its stock and hold. */
    @WithDefault("PT15M")
    Duration paymentTtl();

    /** How often expired orders are released. */
    @WithDefault("10s")
    String expiryCheckEvery();

    /** Expiries driven at once on each replica (their remote steps: the payment's cancel, the hold's release). */
    @WithDefault("8")
    int expiryConcurrency();

    Reconciliation reconciliation();

    Saga saga();

    /** How changes that call other services are driven and, when left unfinished, completed (see Completer). */
    interface Saga {
        /** How often the completer looks for changes left between steps ({@code off} disables it). */
        @WithDefault("5s")
        String completerEvery();

        /** How long whoever drives a change owns it before the completer may take it up. */
        @WithDefault("PT30S")
        Duration lease();

        /** How long a checkout may take before the completer abandons it (releases its stock and hold). */
        @WithDefault("PT2M")
        Duration placementTimeout();

        /** The completer's first pause after a step failed; doubles per failure up to retry-max. */
        @WithDefault("PT5S")
        Duration retryInitial();

        @WithDefault("PT10M")
        Duration retryMax();
    }

    interface Reconciliation {
        /** How often lapsed orders are checked against payment-service ({@code off} disables it). */
        @WithDefault("1m")
        String every();

        /** How long after its last change an order is first asked about, and then between two asks. */
        @WithDefault("PT5M")
        Duration after();

        /** Orders last changed longer ago than this are no longer asked about. */
        @WithDefault("P2D")
        Duration horizon();
    }

    /** Random Crockford characters after ORD-yyyyMMdd- in an order number. */
    @WithDefault("8")
    int numberRandomLength();

    Points points();

    Payment payment();

    /** Bearer token (group service) order-service sends to points- and payment-service. */
    @WithDefault("none")
    String serviceToken();

    interface Inventory {
        /** pessimistic, optimistic or guarded-update; see docs/order-service.md for the measurements. */
        @WithDefault("guarded-update")
        String locking();

        /**
         * The most units of one product (of one date, for dated products) a customer may hold in orders not
         * yet paid; more is 409 unpaid_units_limit. Keeps one customer from reserving a product away from
         * everybody else for the payment window. Checked under the slot's row lock, so it holds at N replicas.
         * 0 turns it off (the benchmark, whose one buyer places every checkout).
         */
        @WithDefault("100")
        int maxUnpaidUnitsPerSlot();
    }

    Booking booking();

    interface Booking {
        /** The longest stay one order line may book. */
        @WithDefault("30")
        int maxNights();

        /** How far ahead (in days from today, UTC) a date or a stay may lie. */
        @WithDefault("730")
        int horizonDays();
    }

    interface Points {
        @WithDefault("http://127.0.0.1:8082")
        String baseUrl();

        /** Points that redeem for one unit of the order's currency (100 → 100 points = 1.00). */
        @WithDefault("100")
        long perCurrencyUnit();

        /** Loyalty points earned per whole unit of currency paid. */
        @WithDefault("1")
        long earnedPerCurrencyUnit();
    }

    interface Payment {
        @WithDefault("http://127.0.0.1:8084")
        String baseUrl();
    }
}
