package io.exactsuite.payment.gateway;

import io.exactsuite.common.problem.ApiException;

/** Raised when the gateway timed out, failed, or its circuit is open: 503 with Retry-After, nothing changed. */
public final class GatewayUnavailableException {

    private GatewayUnavailableException() {
    }

    public static ApiException because(String detail) {
        return ApiException.unavailable("gateway_unavailable", detail, 5);
    }
}
