package io.exactsuite.check;

/** What the client learned about one operation; the checker must treat {@link #UNKNOWN} as "maybe". */
public enum Outcome {
    /** Acknowledged: the effect happened. */
    OK,
    /** Definitely no effect (the service answered 4xx). */
    FAIL,
    /** May or may not have happened: timeout, 5xx, connection cut, or never completed. */
    UNKNOWN
}
