package io.exactsuite.common.payment;

import io.exactsuite.common.client.PaymentEvent;
import io.exactsuite.common.db.DbTime;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.util.regex.Pattern;

/**
 * The owning services' record of payment events already applied: a {@code payment_event} table keyed by
 * {@code event_id}, with the owner's row in {@code ownerColumn}, status and received_at. payment-service may
 * deliver an event more than once, and a verify may race its delivery; the insert decides which one applies it.
 */
public final class PaymentInbox {

    /** The column name is put into the SQL text, so only a plain lower-case identifier is accepted. */
    private static final Pattern COLUMN = Pattern.compile("[a-z][a-z_]{0,62}");

    private PaymentInbox() {
    }

    /**
     * Records the event in the caller's transaction. True when its id was not seen before: the caller
     * applies it then, in the same transaction, so the record and the effect commit or vanish together. A
     * concurrent delivery of the same id waits for this transaction and then gets false.
     *
     * @param ownerColumn the column naming the owner's row, e.g. {@code purchase_id}; a constant, never input
     */
    public static boolean firstDelivery(EntityManager em, String ownerColumn, Object ownerId, PaymentEvent event) {
        if (ownerColumn == null || !COLUMN.matcher(ownerColumn).matches()) {
            throw new IllegalArgumentException("not a payment_event owner column: " + ownerColumn);
        }
        boolean first = em.createNativeQuery("INSERT INTO payment_event (event_id, " + ownerColumn + ", status, received_at) "
                        + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (event_id) DO NOTHING")
                .setParameter(1, event.eventId()).setParameter(2, ownerId).setParameter(3, event.status().name())
                .setParameter(4, Timestamp.from(DbTime.now())).executeUpdate() == 1;
        if (!first) {
            io.exactsuite.common.metrics.SuiteMetrics.duplicateSuppressed("payment_event");
        }
        return first;
    }
}
