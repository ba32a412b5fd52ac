package io.exactsuite.payment.gateway;

public record GatewayRefund(String id, RefundOutcome status, String failureReason) {
}
