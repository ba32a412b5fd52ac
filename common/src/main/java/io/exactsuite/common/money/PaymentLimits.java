package io.exactsuite.common.money;

import io.exactsuite.common.problem.ApiException;
import io.smallrye.config.ConfigMapping;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The currencies payment-service accepts and the largest amount one payment may carry in each, in its
 * major unit ({@code suite.payment.max-amount.JPY=150000000}). One table for the suite: payment-service
 * refuses a payment above it, and the services that price things refuse a price, and an order or a
 * purchase, that no payment could ever carry, instead of accepting it and failing every sale with a 502.
 */
@ConfigMapping(prefix = "suite.payment")
public interface PaymentLimits {

    Map<String, BigDecimal> maxAmount();

    /**
     * Refuses an amount that no payment can carry: a currency not in the table (422 currency_not_accepted)
     * or an amount above its maximum (400 on {@code field}).
     */
    static void requirePayable(PaymentLimits limits, Money amount, String field) {
        BigDecimal max = limits.maxAmount().get(amount.currencyCode());
        if (max == null) {
            throw ApiException.unprocessable("currency_not_accepted", amount.currencyCode()
                    + " is not accepted; accepted: " + String.join(", ", limits.maxAmount().keySet().stream().sorted().toList()));
        }
        if (amount.amount().compareTo(max) > 0) {
            throw ApiException.invalidField(field, "must be at most " + max.toPlainString() + " " + amount.currencyCode()
                    + ", the largest payment accepted in " + amount.currencyCode());
        }
    }

    /** For a total of several priced things: a 422 saying the whole is more than one payment can carry. */
    static void requirePayableTotal(PaymentLimits limits, Money total, String what) {
        BigDecimal max = limits.maxAmount().get(total.currencyCode());
        if (max == null) {
            throw ApiException.unprocessable("currency_not_accepted", total.currencyCode() + " is not accepted");
        }
        if (total.amount().compareTo(max) > 0) {
            throw ApiException.unprocessable("amount_above_payment_maximum", what + " comes to " + total.amount().toPlainString()
                    + " " + total.currencyCode() + ", more than the largest payment accepted (" + max.toPlainString() + ")");
        }
    }
}
