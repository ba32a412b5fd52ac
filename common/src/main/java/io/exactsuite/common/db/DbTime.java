package io.exactsuite.common.db;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at PostgreSQL's precision, so what a response shows is exactly what was stored. */
public final class DbTime {

    private DbTime() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
