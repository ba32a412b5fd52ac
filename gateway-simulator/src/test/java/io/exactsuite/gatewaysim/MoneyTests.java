package io.exactsuite.gatewaysim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exactsuite.gatewaysim.api.ApiException;
import io.exactsuite.gatewaysim.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTests {

    @Test
    void amounts_are_written_at_the_currency_scale() {
        assertThat(Money.parse("12.5", "USD").wire()).isEqualTo("12.50");
        assertThat(Money.parse("500", "JPY").wire()).isEqualTo("500");
        assertThat(Money.parse("1.234", "KWD").wire()).isEqualTo("1.234");
        assertThat(Money.zero(java.util.Currency.getInstance("USD")).wire()).isEqualTo("0.00");
    }

    @ParameterizedTest
    @CsvSource({ "12.505,USD", "1.5,JPY", "0,USD", "0.00,USD", "-1.00,USD", "1e3,USD", "' 1.00',USD", "abc,USD",
            "0001.00,USD", "01,USD", "1.00,usd", "1.00,ZZZ", "1.00,XAU", "1.00,US" })
    void anything_else_is_amount_invalid(String amount, String currency) {
        assertThatThrownBy(() -> Money.parse(amount, currency))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("amount_invalid");
                });
    }
}
