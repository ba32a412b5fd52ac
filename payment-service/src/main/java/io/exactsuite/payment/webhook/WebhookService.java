package io.exactsuite.payment.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.problem.ApiException;
import io.exactsuite.common.tx.Transactions;
import io.exactsuite.payment.PaymentConfig;
import io.exactsuite.payment.gateway.GatewayCharge;
import io.exactsuite.payment.gateway.PaymentGateway;
import io.exactsuite.payment.gateway.GatewayRefund;
import io.exactsuite.payment.gateway.GatewayRejected;
import io.exactsuite.payment.payment.PaymentService;
import io.exactsuite.payment.refund.RefundService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Four checks, in order: the signature (constant time, any active secret), its age, the event id
 * (processed once), and then the charge itself, fetched from the gateway: the body is never trusted
 * for what happened to the money.
 */
@ApplicationScoped
public class WebhookService {

    public enum Result {
        PROCESSED,
        DUPLICATE,
        IGNORED
    }

    @Inject
    PaymentConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;
    @Inject
    Transactions transactions;
    @Inject
    PaymentGateway gateway;
    @Inject
    PaymentService payments;
    @Inject
    RefundService refunds;

    public Result receive(String signature, byte[] body) {
        WebhookSignature.verify(signature, body, config.webhook().secrets(), Instant.now(), config.webhook().tolerance());
        Event event = parse(body);
        if (alreadyProcessed(event.id())) {
            return Result.DUPLICATE;
        }
        // The body is a hint; the gateway's own object, fetched with no transaction open, is the truth.
        GatewayCharge charge = event.isRefund() ? null : gateway.fetchCharge(event.chargeId());
        GatewayRefund refund = event.isRefund() ? fetchRefund(event.refundId()) : null;
        return transactions.inRetryingTransaction(() -> {
            int recorded = em.createNativeQuery("""
                    INSERT INTO webhook_event (event_id, type, charge_id, received_at) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (event_id) DO NOTHING""")
                    .setParameter(1, event.id()).setParameter(2, event.type()).setParameter(3, event.chargeId())
                    .setParameter(4, Timestamp.from(DbTime.now()))
                    .executeUpdate();
            if (recorded == 0) {
                return Result.DUPLICATE;
            }
            if (refund != null) {
                // Unknown yet when the gateway confirms faster than the execution records the refund's id:
                // that execution then records the same answer itself.
                return refunds.byGatewayId(refund.id()).map(id -> refunds.apply(id, refund)).isPresent()
                        ? Result.PROCESSED : Result.IGNORED;
            }
            return payments.applyFromGateway(charge).isPresent() ? Result.PROCESSED : Result.IGNORED;
        });
    }

    private GatewayRefund fetchRefund(String refundId) {
        try {
            return gateway.fetchRefund(refundId);
        } catch (GatewayRejected e) {
            throw new ApiException(502, "gateway_rejected", "Bad gateway", e.getMessage());
        }
    }

    private boolean alreadyProcessed(String eventId) {
        return !em.createNativeQuery("SELECT 1 FROM webhook_event WHERE event_id = ?1").setParameter(1, eventId)
                .getResultList().isEmpty();
    }

    private Event parse(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            String id = root.path("id").asText("");
            String type = root.path("type").asText("");
            String chargeId = root.path("data").path("chargeId").asText("");
            String refundId = root.path("data").path("refundId").asText("");
            if (id.isBlank() || type.isBlank() || chargeId.isBlank() || id.length() > 255 || chargeId.length() > 255
                    || type.length() > 64 || refundId.length() > 255) {
                throw ApiException.badRequest("malformed_event", "A webhook needs id, type and data.chargeId");
            }
            if (type.startsWith("refund.") && refundId.isBlank()) {
                throw ApiException.badRequest("malformed_event", "A refund webhook needs data.refundId");
            }
            return new Event(id, type, chargeId, refundId);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_event", "The webhook body is not JSON");
        }
    }

    record Event(String id, String type, String chargeId, String refundId) {
        boolean isRefund() {
            return type.startsWith("refund.");
        }
    }
}
