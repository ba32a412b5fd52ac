package io.exactsuite.common.money;

import io.exactsuite.common.problem.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An exact amount in an ISO 4217 currency, always at the currency's minor-unit scale (JPY 0,
 * USD/EUR/NGN 2, KWD/BHD 3). Nothing here rounds: an amount with more decimals than the currency
 * has is refused, never cut. Stored as NUMERIC, sent as a JSON string ("12.50").
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public Money {
        if (amount == null || currency == null) {
            throw new IllegalArgumentException("amount and currency are required");
        }
        if (amount.scale() != currency.getDefaultFractionDigits()) {
            throw new IllegalArgumentException("amount " + amount + " is not at " + currency + " scale");
        }
    }

    /**
     * Validates client input: a known currency and no more decimals than it has. Trailing zeros are
     * not extra precision ("10.50" USD and "10.0" JPY are fine; "1.005" USD and "10.5" JPY are not).
     *
     * @param field the request field the amount came from, named in the problem
     */
    public static Money parse(BigDecimal amount, String currencyCode, String field) {
        Currency currency = currency(currencyCode);
        int minorUnits = currency.getDefaultFractionDigits();
        if (amount.stripTrailingZeros().scale() > minorUnits) {
            throw invalid(field, currency + " amounts have at most " + minorUnits + " decimal places");
        }
        return new Money(amount.setScale(minorUnits, RoundingMode.UNNECESSARY), currency);
    }

    /**
     * An amount read back from a NUMERIC column with its CHAR(3) currency column: brought to the currency's
     * scale without rounding (a stored value with more decimals than the currency has is a bug, and throws).
     */
    public static Money ofColumns(BigDecimal amount, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        return new Money(amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY), currency);
    }

    public static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw invalid("currency", "must be an ISO 4217 code such as USD");
        }
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                throw invalid("currency", code + " has no minor unit and cannot carry amounts");
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw invalid("currency", code + " is not an ISO 4217 currency");
        }
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO.setScale(currency.getDefaultFractionDigits()), currency);
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public Money times(long quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(sameCurrency(other).amount);
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw ApiException.unprocessable("currency_mismatch",
                    "Cannot combine " + currency + " with " + other.currency);
        }
        return other;
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.invalidField(field, message);
    }
}
