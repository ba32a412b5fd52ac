package io.exactsuite.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.exactsuite.common.problem.ProblemMappers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The request parser as every service configures it, without a server. */
class StrictJsonTests {

    private final ObjectMapper json = strict();

    record Spend(long points, String reason) {
    }

    record Line(String sku, int quantity) {
    }

    record Order(List<Line> lines, BigDecimal total) {
    }

    static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void shouldRefuseAKeyGivenTwiceWithTheMessageTheProblemMapperReads() {
        assertThatThrownBy(() -> json.readValue("{\"points\":1,\"reason\":\"x\",\"points\":1}", Spend.class))
                .isInstanceOf(JsonParseException.class)
                .satisfies(e -> assertThat(((JsonParseException) e).getOriginalMessage())
                        .startsWith(ProblemMappers.duplicateFieldPrefix() + "points"));
        assertThatThrownBy(() -> json.readValue("{\"lines\":[{\"sku\":\"a\",\"quantity\":1,\"sku\":\"b\"}]}", Order.class))
                .satisfies(e -> assertThat(((JsonProcessingException) e).getOriginalMessage())
                        .isEqualTo(ProblemMappers.duplicateFieldPrefix() + "sku'"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "a\\u0000b", "\\u0007", "line\\nbreak", "tab\\there", "\\u007f", "\\u0085", "\\ud800", "x\\udc00" })
    void shouldRefuseControlCharactersAndLoneSurrogatesInText(String escaped) {
        assertThatThrownBy(() -> json.readValue("{\"points\":1,\"reason\":\"" + escaped + "\"}", Spend.class))
                .isInstanceOf(StrictText.InvalidText.class)
                .satisfies(e -> assertThat(((StrictText.InvalidText) e).getPath().get(0).getFieldName()).isEqualTo("reason"));
    }

    @Test
    void shouldKeepOrdinaryTextIncludingAccentsAndEmoji() throws Exception {
        String reason = "café ✓ \uD83C\uDF89 “quotes”";
        assertThat(json.readValue(json.writeValueAsString(new Spend(1, reason)), Spend.class).reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "5", "true", "1.5", "[\"x\"]", "{\"a\":1}" })
    void shouldRefuseAnythingButAStringWhereTextBelongs(String value) {
        assertThatThrownBy(() -> json.readValue("{\"points\":1,\"reason\":" + value + "}", Spend.class))
                .isInstanceOf(MismatchedInputException.class)
                .isNotInstanceOf(StrictText.InvalidText.class);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { " 1.00", "1.00 ", "00001.00", "01", "+1.00", "1e3", "1.", ".5", "1,00" })
    void shouldRefusePaddedOrOddlyWrittenMoney(String amount) {
        assertThatThrownBy(() -> json.readValue("{\"lines\":[],\"total\":\"" + amount + "\"}", Order.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({ "0, 0", "0.50, 0.50", "10, 10", "-3.25, -3.25", "12345678901234567890.1234567890, 12345678901234567890.1234567890" })
    void shouldReadPlainMoneyExactly(String amount, String expected) throws Exception {
        Order order = json.readValue("{\"lines\":[],\"total\":\"" + amount + "\"}", Order.class);
        assertThat(order.total().toPlainString()).isEqualTo(expected);
    }

    @Test
    void shouldRefuseContentTypesOtherThanJsonInUtf8() {
        assertThat(JsonBodies.refusal("application/json")).isNull();
        assertThat(JsonBodies.refusal("application/json; charset=UTF-8")).isNull();
        assertThat(JsonBodies.refusal("application/merge-patch+json")).isNull();
        assertThat(JsonBodies.refusal(null)).contains("Content-Type");
        assertThat(JsonBodies.refusal("text/plain")).contains("text/plain");
        assertThat(JsonBodies.refusal("application/x-www-form-urlencoded")).isNotNull();
        assertThat(JsonBodies.refusal("application/json; charset=UTF-16")).contains("UTF-16");
        assertThat(JsonBodies.refusal("not a type")).isNotNull();
    }

    @Test
    void shouldSpotAByteOrderMarkAndWideEncodings() {
        byte[] utf8 = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] bom = { (byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{' };
        byte[] utf16 = "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE);
        byte[] utf16WithBom = "{\"a\":1}".getBytes(StandardCharsets.UTF_16);
        assertThat(JsonBodies.encodingProblem(utf8, 4)).isNull();
        assertThat(JsonBodies.encodingProblem(new byte[] { '{' }, 1)).isNull();
        assertThat(JsonBodies.encodingProblem(bom, 4)).contains("byte order mark");
        assertThat(JsonBodies.encodingProblem(utf16, 4)).contains("UTF-16");
        assertThat(JsonBodies.encodingProblem(utf16WithBom, 4)).contains("UTF-16");
    }
}
