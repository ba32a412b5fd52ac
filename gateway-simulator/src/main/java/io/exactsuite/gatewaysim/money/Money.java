package io.exactsuite.gatewaysim.money;

import io.exactsuite.gatewaysim.api.ApiException;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * An exact amount in one currency. Wire amounts are decimal strings ("12.50"), parsed with BigDecimal
 * and never through a double; they may not be more precise than the currency allows (no "12.505 USD").
 */
public record Money(BigDecimal amount, Currency currency) {

    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,17})(\\.[0-9]{1,18})?");
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    /** Parses and checks a wire amount; everything wrong with it is a 400 {@code amount_invalid}. */
    public static Money parse(String amount, String currencyCode) {
        Currency currency = currency(currencyCode);
        if (amount == null || !DECIMAL.matcher(amount).matches()) {
            throw invalid("amount must be a positive decimal string such as \"12.50\"");
        }
        BigDecimal value = new BigDecimal(amount);
        if (value.signum() <= 0) {
            throw invalid("amount must be greater than zero");
        }
        if (value.scale() > currency.getDefaultFractionDigits()) {
            throw invalid("amount has more than " + currency.getDefaultFractionDigits() + " decimals for "
                    + currency.getCurrencyCode());
        }
        return new Money(value.setScale(currency.getDefaultFractionDigits()), currency);
    }

    public static Currency currency(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw invalid("currency must be a 3-letter ISO 4217 code such as \"USD\"");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            throw invalid("currency " + code + " is not an ISO 4217 currency");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw invalid("currency " + code + " has no minor unit and cannot be charged");
        }
        return currency;
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO.setScale(currency.getDefaultFractionDigits()), currency);
    }

    /** The wire form, always at the currency's scale: "12.50", "0.00", "500" for JPY. */
    public String wire() {
        return format(amount, currency);
    }

    public static String format(BigDecimal amount, Currency currency) {
        return amount.setScale(currency.getDefaultFractionDigits()).toPlainString();
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("amount_invalid", detail);
    }
}
