package io.exactsuite.payment.payment;

import io.exactsuite.common.auth.Caller;

/** What a payment pays for; it decides which service owns the payment and hears its events. */
public enum Purpose {
    ORDER(Caller.ORDER_SERVICE),
    VOTES(Caller.VOTING_SERVICE);

    private final String owner;

    Purpose(String owner) {
        this.owner = owner;
    }

    /** The service whose payments these are: the only service that may create, cancel or refund them. */
    public String owner() {
        return owner;
    }
}
