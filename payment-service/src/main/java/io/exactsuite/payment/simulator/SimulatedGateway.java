package io.exactsuite.payment.simulator;

import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.ids.RandomCodes;
import io.exactsuite.common.money.Money;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.payment.PaymentConfig;
import io.exactsuite.payment.gateway.ChargeStatus;
import io.exactsuite.payment.gateway.GatewayCharge;
import io.exactsuite.payment.gateway.GatewayUnavailableException;
import io.exactsuite.payment.gateway.PaymentGateway;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.util.Currency;
import java.util.List;

/**
 * The built-in gateway, the embedded default. It keeps its own books (sim_* tables) in their own
 * transactions, as a remote gateway would, and behaves like one: charges wait for the payer, success
 * arrives by signed webhook, refunds are deduplicated by idempotency key, and chaos switches make it
 * duplicate, delay, lose or reorder webhooks, decline checkouts or time out.
 */
@ApplicationScoped
@Typed(SimulatedGateway.class)
public class SimulatedGateway implements PaymentGateway {

    @Inject
    EntityManager em;
    @Inject
    PaymentConfig config;
    @Inject
    HttpServer server;

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public GatewayCharge createCharge(String reference, Money amount, String idempotencyKey) {
        failIfTimingOut();
        em.createNativeQuery("""
                INSERT INTO sim_charge (id, reference, amount, currency, status, created_at)
                VALUES (?1, ?2, ?3, ?4, 'PENDING', ?5) ON CONFLICT (reference) DO NOTHING""")
                .setParameter(1, "ch_" + RandomCodes.crockford(20))
                .setParameter(2, reference)
                .setParameter(3, amount.amount())
                .setParameter(4, amount.currencyCode())
                .setParameter(5, Timestamp.from(DbTime.now()))
                .executeUpdate();
        return charge("reference", reference);
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public GatewayCharge fetchCharge(String chargeId) {
        failIfTimingOut();
        em.createNativeQuery("UPDATE sim_charge SET fetches = fetches + 1 WHERE id = ?1").setParameter(1, chargeId)
                .executeUpdate();
        return charge("id", chargeId);
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String refund(String chargeId, Money amount, String idempotencyKey) {
        failIfTimingOut();
        GatewayCharge charge = charge("id", chargeId);
        if (charge.status() != ChargeStatus.SUCCEEDED) {
            throw new ApiException(502, "gateway_rejected", "Bad gateway", "Charge " + chargeId + " was not captured");
        }
        int inserted = em.createNativeQuery("""
                INSERT INTO sim_refund (idempotency_key, id, charge_id, amount, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (idempotency_key) DO NOTHING""")
                .setParameter(1, idempotencyKey)
                .setParameter(2, "re_" + RandomCodes.crockford(20))
                .setParameter(3, chargeId)
                .setParameter(4, amount.amount())
                .setParameter(5, Timestamp.from(DbTime.now()))
                .executeUpdate();
        BigDecimal refunded = (BigDecimal) em.createNativeQuery(
                "SELECT coalesce(sum(amount), 0) FROM sim_refund WHERE charge_id = ?1").setParameter(1, chargeId)
                .getSingleResult();
        if (refunded.compareTo(charge.amount()) > 0) {
            throw new ApiException(502, "gateway_rejected", "Bad gateway", "Refunds would exceed charge " + chargeId);
        }
        if (inserted == 1) {
            WebhookOutbox.enqueue(em, "charge.refunded", chargeId, charge("id", chargeId));
        }
        return (String) em.createNativeQuery("SELECT id FROM sim_refund WHERE idempotency_key = ?1")
                .setParameter(1, idempotencyKey).getSingleResult();
    }

    GatewayCharge charge(String column, String value) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT id, status, amount, currency FROM sim_charge WHERE " + column + " = ?1")
                .setParameter(1, value).getResultList();
        if (rows.isEmpty()) {
            throw new ApiException(502, "gateway_rejected", "Bad gateway", "The gateway knows no charge " + value);
        }
        Object[] row = rows.get(0);
        String id = (String) row[0];
        ChargeStatus status = switch ((String) row[1]) {
            case "SUCCEEDED" -> ChargeStatus.SUCCEEDED;
            case "DECLINED" -> ChargeStatus.FAILED;
            default -> ChargeStatus.PENDING;
        };
        String currency = ((String) row[3]).trim();
        BigDecimal amount = ((BigDecimal) row[2]).setScale(Currency.getInstance(currency).getDefaultFractionDigits(),
                RoundingMode.UNNECESSARY);
        return new GatewayCharge(id, status, amount, currency, publicUrl() + "/simulator/checkout/" + id);
    }

    String publicUrl() {
        return config.simulator().publicUrl().orElseGet(() -> "http://127.0.0.1:" + server.getPort());
    }

    String webhookUrl() {
        return config.simulator().webhookUrl().orElseGet(() -> "http://127.0.0.1:" + server.getPort() + "/webhooks/gateway");
    }

    private static void failIfTimingOut() {
        Chaos chaos = Chaos.current();
        if (chaos != null && chaos.timeOutApi) {
            throw GatewayUnavailableException.because("The payment gateway timed out");
        }
    }
}
