package io.exactsuite.common.idempotency;

/** What a state-changing request produced: its status, its body, and for a creation its Location. */
public record Outcome(int status, Object body, String location) {

    public static Outcome ok(Object body) {
        return new Outcome(200, body, null);
    }

    public static Outcome created(Object body, String location) {
        return new Outcome(201, body, location);
    }
}
