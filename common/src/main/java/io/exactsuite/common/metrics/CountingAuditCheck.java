package io.exactsuite.common.metrics;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** An {@link AuditCheck} that is one SQL statement answering how many rows break the invariant. */
public abstract class CountingAuditCheck implements AuditCheck {

    @Inject
    EntityManager em;

    private final String name;
    private final String countingSql;

    protected CountingAuditCheck(String name, String countingSql) {
        this.name = name;
        this.countingSql = countingSql;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long inconsistent() {
        return ((Number) em.createNativeQuery(countingSql).getSingleResult()).longValue();
    }
}
