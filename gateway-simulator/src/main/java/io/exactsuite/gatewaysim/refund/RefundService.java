package io.exactsuite.gatewaysim.refund;

import io.exactsuite.gatewaysim.Ids;
import io.exactsuite.gatewaysim.Later;
import io.exactsuite.gatewaysim.api.ApiException;
import io.exactsuite.gatewaysim.api.Text;
import io.exactsuite.gatewaysim.chaos.Chaos;
import io.exactsuite.gatewaysim.chaos.ChaosSettings;
import io.exactsuite.gatewaysim.charge.Charge;
import io.exactsuite.gatewaysim.charge.ChargeService;
import io.exactsuite.gatewaysim.charge.ChargeStatus;
import io.exactsuite.gatewaysim.idempotency.Fingerprint;
import io.exactsuite.gatewaysim.idempotency.IdempotencyKeys;
import io.exactsuite.gatewaysim.money.Money;
import io.exactsuite.gatewaysim.webhook.WebhookEvent;
import io.exactsuite.gatewaysim.webhook.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refunds in memory. The check "does it fit in what is left" and the recording of the refund happen
 * under the charge's monitor, so two racing refunds can never together exceed the charge.
 */
@ApplicationScoped
public class RefundService {

    private final ConcurrentHashMap<String, Refund> refunds = new ConcurrentHashMap<>();
    private final IdempotencyKeys<Refund> keys = new IdempotencyKeys<>();

    @Inject
    ChargeService charges;
    @Inject
    Chaos chaos;
    @Inject
    WebhookOutbox webhooks;
    @Inject
    Later later;

    public IdempotencyKeys.Outcome<Refund> create(String idempotencyKey, CreateRefund request) {
        IdempotencyKeys.require(idempotencyKey);
        if (request == null) {
            throw ApiException.badRequest("request_invalid", "A JSON body {charge, amount, currency} is required");
        }
        Text.require("charge", request.charge(), 255);
        Money money = Money.parse(request.amount(), request.currency());
        Fingerprint fingerprint = Fingerprint.of(request.charge(), money.wire(), money.currency().getCurrencyCode());
        return keys.once(idempotencyKey, fingerprint, () -> open(charges.find(request.charge()), money));
    }

    private Refund open(Charge charge, Money money) {
        ChaosSettings settings = chaos.current();
        synchronized (charge) {
            if (charge.status() != ChargeStatus.SUCCESS) {
                throw ApiException.badRequest("charge_not_captured",
                        "Charge " + charge.id() + " is " + charge.status().wire() + ", not success");
            }
            if (!money.currency().equals(charge.money().currency())) {
                throw ApiException.badRequest("currency_mismatch",
                        "Charge " + charge.id() + " is in " + charge.money().currency().getCurrencyCode());
            }
            if (money.amount().compareTo(charge.refundable()) > 0) {
                throw ApiException.badRequest("refund_exceeds_charge", "At most "
                        + Money.format(charge.refundable(), money.currency()) + " of charge " + charge.id() + " can still be refunded");
            }
            Refund refund = switch (settings.refundMode()) {
                case SUCCEED -> new Refund(Ids.next("re_"), charge.id(), money, RefundStatus.SUCCEEDED, null);
                case REFUSE -> new Refund(Ids.next("re_"), charge.id(), money, RefundStatus.FAILED, Refund.REFUSED);
                case PENDING -> new Refund(Ids.next("re_"), charge.id(), money, RefundStatus.PENDING, null);
            };
            charge.addRefund(refund);
            refunds.put(refund.id(), refund);
            switch (refund.status()) {
                case SUCCEEDED -> announce(WebhookEvent.REFUND_SUCCEEDED, refund);
                case FAILED -> announce(WebhookEvent.REFUND_FAILED, refund);
                case PENDING -> later.run(Duration.ofMillis(settings.refundPendingMs()), () -> settle(refund));
            }
            return refund;
        }
    }

    private void settle(Refund refund) {
        synchronized (refund) {
            if (refund.settle()) {
                announce(WebhookEvent.REFUND_SUCCEEDED, refund);
            }
        }
    }

    private void announce(String type, Refund refund) {
        webhooks.refundEvent(type, refund.chargeId(), refund.id(), refund.status().wire());
    }

    /** How many refunds the simulator holds (tests prove refused requests created none). */
    public int count() {
        return refunds.size();
    }

    public Refund find(String id) {
        Refund refund = id == null ? null : refunds.get(id);
        if (refund == null) {
            throw ApiException.notFound("refund_not_found", "No refund " + id);
        }
        return refund;
    }

    public RefundView view(Refund refund) {
        return refund.view();
    }
}
