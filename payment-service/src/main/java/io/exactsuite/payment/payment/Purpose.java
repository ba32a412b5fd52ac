package io.exactsuite.payment.payment;

/** What a payment pays for; it decides which service owns the payment and hears its events. */
public enum Purpose {
    ORDER,
    VOTES
}
