package io.exactsuite.gatewaysim.charge;

/** What a payer can do on the hosted checkout page. */
public enum PayerAction {
    PAY,
    DECLINE,
    ABANDON
}
