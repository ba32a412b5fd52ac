package io.exactsuite.order.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.exactsuite.common.db.DbTime;
import io.exactsuite.common.tx.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The order's step journal ({@code order_step}): each step's result, recorded once and read back on every
 * replay, as in durable execution. A step whose result is recorded is never made again, whatever rolls
 * back or crashes after it; two drivers racing on one step both end with the first result recorded.
 */
@ApplicationScoped
public class StepJournal {

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Inject
    EntityManager em;
    @Inject
    Transactions transactions;

    /**
     * The step's recorded result; if there is none, makes the call with no transaction open, records what it
     * returned in a short commit, and returns whichever result was recorded first. A call that throws
     * records nothing: the step is made again on the next replay, under the same keys.
     */
    public <R> R step(UUID orderId, String step, Class<R> type, Supplier<R> call) {
        String recorded = transactions.inRetryingTransaction(() -> read(orderId, step));
        if (recorded == null) {
            String result = write(call.get());
            recorded = transactions.inRetryingTransaction(() -> {
                insert(orderId, step, result);
                return read(orderId, step);
            });
        }
        return read(recorded, type);
    }

    /** A local step: done and recorded in the caller's transaction, so the work and its record commit together. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <R> R localStep(UUID orderId, String step, Class<R> type, Supplier<R> work) {
        String recorded = read(orderId, step);
        if (recorded == null) {
            recorded = write(work.get());
            insert(orderId, step, recorded);
        }
        return read(recorded, type);
    }

    /** Forgets a change's steps: only for a change abandoned at its first step, which changed nothing anywhere. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(UUID orderId, Transition transition) {
        em.createNativeQuery("DELETE FROM order_step WHERE order_id = ?1 AND step LIKE ?2")
                .setParameter(1, orderId).setParameter(2, transition.name() + ":%").executeUpdate();
    }

    private String read(UUID orderId, String step) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("SELECT result FROM order_step WHERE order_id = ?1 AND step = ?2")
                .setParameter(1, orderId).setParameter(2, step).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private void insert(UUID orderId, String step, String result) {
        em.createNativeQuery("""
                INSERT INTO order_step (order_id, step, result, recorded_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (order_id, step) DO NOTHING""")
                .setParameter(1, orderId).setParameter(2, step).setParameter(3, result)
                .setParameter(4, Timestamp.from(DbTime.now())).executeUpdate();
    }

    private static String write(Object result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record step result " + result, e);
        }
    }

    private static <R> R read(String recorded, Class<R> type) {
        try {
            return JSON.readValue(recorded, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read recorded step result " + recorded, e);
        }
    }
}
