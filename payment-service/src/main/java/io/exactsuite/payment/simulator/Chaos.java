package io.exactsuite.payment.simulator;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The simulator's misbehaviour switches, one row shared by every replica. */
@Entity
@Table(name = "sim_chaos")
public class Chaos extends PanacheEntityBase {

    @Id
    public int id = 1;

    /** Each webhook is sent this many times. */
    @Column(name = "duplicate_webhooks", nullable = false)
    public int duplicateWebhooks = 1;

    /** Webhooks wait this long before their first send. */
    @Column(name = "webhook_delay_ms", nullable = false)
    public int webhookDelayMs;

    /** Webhooks are never sent (verify must rescue the payment). */
    @Column(name = "lose_webhooks", nullable = false)
    public boolean loseWebhooks;

    /** Due webhooks are sent newest first. */
    @Column(name = "reverse_order", nullable = false)
    public boolean reverseOrder;

    /** Every completed checkout is declined. */
    @Column(name = "decline_all", nullable = false)
    public boolean declineAll;

    /** Every gateway API call (create, fetch, refund) times out. */
    @Column(name = "time_out_api", nullable = false)
    public boolean timeOutApi;

    public static Chaos current() {
        return findById(1);
    }

    public void apply(Settings settings) {
        duplicateWebhooks = settings.duplicateWebhooks();
        webhookDelayMs = settings.webhookDelayMs();
        loseWebhooks = settings.loseWebhooks();
        reverseOrder = settings.reverseOrder();
        declineAll = settings.declineAll();
        timeOutApi = settings.timeOutApi();
    }

    public Settings settings() {
        return new Settings(duplicateWebhooks, webhookDelayMs, loseWebhooks, reverseOrder, declineAll, timeOutApi);
    }

    @RegisterForReflection
    public record Settings(
            @NotNull @Min(1) @Max(10) Integer duplicateWebhooks,
            @NotNull @Min(0) @Max(600_000) Integer webhookDelayMs,
            @NotNull Boolean loseWebhooks,
            @NotNull Boolean reverseOrder,
            @NotNull Boolean declineAll,
            @NotNull Boolean timeOutApi) {

        public static Settings calm() {
            return new Settings(1, 0, false, false, false, false);
        }
    }
}
