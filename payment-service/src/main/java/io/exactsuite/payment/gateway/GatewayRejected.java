package io.exactsuite.payment.gateway;

/**
 * The gateway refused the request itself (a 4xx with a problem {@code code}): retrying the same request
 * cannot help, and it says nothing about the gateway's health.
 */
public class GatewayRejected extends RuntimeException {

    private final int status;
    private final String code;

    public GatewayRejected(int status, String code, String detail) {
        super("The payment gateway rejected the request with " + status + " " + code + (detail == null ? "" : ": " + detail),
                null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** The gateway's problem code, e.g. {@code refund_exceeds_charge}; empty when it sent none. */
    public String code() {
        return code;
    }
}
