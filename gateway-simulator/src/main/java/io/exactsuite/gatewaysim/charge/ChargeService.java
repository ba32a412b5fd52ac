package io.exactsuite.gatewaysim.charge;

import io.exactsuite.gatewaysim.Ids;
import io.exactsuite.gatewaysim.Later;
import io.exactsuite.gatewaysim.api.ApiException;
import io.exactsuite.gatewaysim.api.Text;
import io.exactsuite.gatewaysim.api.PublicUrl;
import io.exactsuite.gatewaysim.chaos.Chaos;
import io.exactsuite.gatewaysim.chaos.ChaosSettings;
import io.exactsuite.gatewaysim.idempotency.Fingerprint;
import io.exactsuite.gatewaysim.idempotency.IdempotencyKeys;
import io.exactsuite.gatewaysim.money.Money;
import io.exactsuite.gatewaysim.webhook.WebhookEvent;
import io.exactsuite.gatewaysim.webhook.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/** Charges in memory: creation (once per Idempotency-Key), lookup, and the payer's actions with their webhooks. */
@ApplicationScoped
public class ChargeService {

    private final ConcurrentHashMap<String, Charge> charges = new ConcurrentHashMap<>();
    private final IdempotencyKeys<Charge> keys = new IdempotencyKeys<>();

    @Inject
    Chaos chaos;
    @Inject
    WebhookOutbox webhooks;
    @Inject
    Later later;
    @Inject
    PublicUrl publicUrl;

    public IdempotencyKeys.Outcome<Charge> create(String idempotencyKey, CreateCharge request) {
        IdempotencyKeys.require(idempotencyKey);
        if (request == null) {
            throw ApiException.badRequest("request_invalid", "A JSON body {reference, amount, currency} is required");
        }
        Text.require("reference", request.reference(), 255);
        Money money = Money.parse(request.amount(), request.currency());
        Fingerprint fingerprint = Fingerprint.of(request.reference(), money.wire(), money.currency().getCurrencyCode());
        return keys.once(idempotencyKey, fingerprint, () -> {
            Charge charge = new Charge(Ids.next("ch_"), request.reference(), money);
            charges.put(charge.id(), charge);
            return charge;
        });
    }

    /** How many charges the simulator holds (tests prove refused requests created none). */
    public int count() {
        return charges.size();
    }

    public Charge find(String id) {
        Charge charge = id == null ? null : charges.get(id);
        if (charge == null) {
            throw ApiException.notFound("charge_not_found", "No charge " + id);
        }
        return charge;
    }

    /** A payer's click. The webhook is queued under the charge's monitor, so it can never overtake the change. */
    public Charge act(String id, PayerAction action) {
        Charge charge = find(id);
        ChaosSettings settings = chaos.current();
        synchronized (charge) {
            ChargeStatus status = charge.act(action, settings.declineAll(), settings.failThenSucceed());
            if (status == ChargeStatus.SUCCESS) {
                webhooks.chargeEvent(WebhookEvent.CHARGE_SUCCEEDED, charge.id(), status.wire());
            } else if (status == ChargeStatus.FAILED) {
                webhooks.chargeEvent(WebhookEvent.CHARGE_FAILED, charge.id(), status.wire());
            }
            if (charge.recovering()) {
                later.run(Duration.ofMillis(settings.failThenSucceedDelayMs()), () -> recover(charge));
            }
        }
        return charge;
    }

    private void recover(Charge charge) {
        synchronized (charge) {
            if (charge.recover()) {
                webhooks.chargeEvent(WebhookEvent.CHARGE_SUCCEEDED, charge.id(), ChargeStatus.SUCCESS.wire());
            }
        }
    }

    /** One consistent snapshot (status and refunded amount read under the same monitor). */
    public ChargeView view(Charge charge) {
        synchronized (charge) {
            return new ChargeView(charge.id(), charge.reference(), charge.status().wire(), charge.money().wire(),
                    charge.money().currency().getCurrencyCode(),
                    Money.format(charge.refunded(), charge.money().currency()), publicUrl.checkout(charge.id()));
        }
    }
}
