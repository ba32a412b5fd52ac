package io.exactsuite.common.db;

import io.exactsuite.common.problem.ApiException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/** Row-lock helpers written once: every service changes a row only under its lock, as it is now. */
public final class Rows {

    private Rows() {
    }

    /**
     * Locks the entity's row (PESSIMISTIC_WRITE: {@code FOR NO KEY UPDATE} on PostgreSQL) and re-reads it. A copy read earlier in this
     * transaction may be stale, and a locking find would hand that copy back unrefreshed.
     *
     * @throws ApiException 404 when there is no such row
     */
    public static <T> T lockFresh(EntityManager em, Class<T> type, Object id, String what) {
        T row = em.find(type, id);
        if (row == null) {
            throw ApiException.notFound(what + " " + id);
        }
        em.refresh(row, LockModeType.PESSIMISTIC_WRITE);
        return row;
    }
}
