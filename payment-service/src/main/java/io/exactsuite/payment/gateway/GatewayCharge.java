package io.exactsuite.payment.gateway;

import java.math.BigDecimal;

public record GatewayCharge(String id, ChargeStatus status, BigDecimal amount, String currency, String checkoutUrl) {
}
