package io.exactsuite.common.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.exactsuite.common.problem.ApiException;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MoneyTests {

    private final ObjectMapper json = new ObjectMapper().registerModule(DecimalStringJson.module());

    record Amount(BigDecimal value) {
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "10,    JPY, 10",
            "10.0,  JPY, 10",
            "0.001, KWD, 0.001",
            "1.5,   BHD, 1.500",
            "12.5,  USD, 12.50",
            "10.50, EUR, 10.50",
            "7,     NGN, 7.00",
    })
    void shouldAcceptAmountsWithinTheCurrencysMinorUnits(String amount, String currency, String normalized) {
        Money money = Money.parse(new BigDecimal(amount), currency, "amount");
        assertThat(money.amount().toPlainString()).isEqualTo(normalized);
        assertThat(money.currencyCode()).isEqualTo(currency);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "1.005, USD", "10.5, JPY", "0.0001, KWD", "1, usd", "1, XYZ", "1, US", "1, XXX" })
    void shouldRefuseRatherThanRound(String amount, String currency) {
        assertThatThrownBy(() -> Money.parse(new BigDecimal(amount), currency, "amount"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
    }

    @Test
    void shouldMultiplyAndAddExactly() {
        Money dime = Money.parse(new BigDecimal("0.10"), "USD", "amount");
        Money price = Money.parse(new BigDecimal("19.99"), "USD", "amount");
        assertThat(dime.times(3).amount()).isEqualByComparingTo("0.30").hasToString("0.30");
        assertThat(price.times(7).amount()).hasToString("139.93");
        assertThat(dime.plus(dime).plus(dime)).isEqualTo(dime.times(3));
        assertThat(price.minus(price)).isEqualTo(Money.zero(price.currency()));
    }

    @Test
    void shouldRefuseToMixCurrencies() {
        Money usd = Money.parse(BigDecimal.ONE, "USD", "amount");
        Money eur = Money.parse(BigDecimal.ONE, "EUR", "amount");
        assertThatThrownBy(() -> usd.plus(eur)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("currency_mismatch"));
    }

    @Test
    void shouldReadAndWriteDecimalsAsJsonStringsOnly() throws Exception {
        assertThat(json.readValue("{\"value\":\"12.50\"}", Amount.class).value()).hasToString("12.50");
        assertThat(json.writeValueAsString(new Amount(new BigDecimal("0.30")))).isEqualTo("{\"value\":\"0.30\"}");
        assertThat(json.writeValueAsString(new Amount(new BigDecimal("1E+3")))).isEqualTo("{\"value\":\"1000\"}");
        for (String bad : new String[] { "{\"value\":0.30000000000000004}", "{\"value\":12}", "{\"value\":\"1e20\"}",
                "{\"value\":\"12,50\"}", "{\"value\":\" \"}", "{\"value\":true}" }) {
            assertThatThrownBy(() -> json.readValue(bad, Amount.class)).as(bad)
                    .isInstanceOf(MismatchedInputException.class);
        }
    }
}
