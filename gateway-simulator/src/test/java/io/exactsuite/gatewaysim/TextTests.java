package io.exactsuite.gatewaysim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exactsuite.gatewaysim.api.ApiException;
import io.exactsuite.gatewaysim.api.Text;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTests {

    @ParameterizedTest
    @ValueSource(strings = { "pay_01HZX3", "ORD-20261201-ABC", "caf\u00e9", "\uD83D\uDE00 smile" })
    void printableTextIsAccepted(String value) {
        assertThat(Text.require("reference", value, 255)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "a\u0000b", "a\nb", "a\u007fb", "a\uD800b", "a\uDC00", "\uD83D" })
    void controlCharactersLoneSurrogatesAndBlanksAreRefused(String value) {
        assertThatThrownBy(() -> Text.require("reference", value, 255)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("request_invalid"));
    }

    @org.junit.jupiter.api.Test
    void tooLongIsRefused() {
        assertThatThrownBy(() -> Text.require("reference", "x".repeat(256), 255)).isInstanceOf(ApiException.class);
    }
}
