package io.exactsuite.points.hold;

/** HELD ends exactly once, in one of the other three. */
public enum HoldStatus {
    HELD,
    CAPTURED,
    RELEASED,
    EXPIRED
}
