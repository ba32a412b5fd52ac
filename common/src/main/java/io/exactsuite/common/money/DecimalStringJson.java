package io.exactsuite.common.money;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Decimals travel as JSON strings, both ways. A JSON number is refused on input: by the time a
 * client wrote 0.30000000000000004 the float damage is done, and guessing would be rounding.
 */
public final class DecimalStringJson {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?(0|[1-9]\\d{0,19})(\\.\\d{1,10})?");

    private DecimalStringJson() {
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("decimal-strings");
        module.addSerializer(BigDecimal.class, new Serializer());
        module.addDeserializer(BigDecimal.class, new Deserializer());
        return module;
    }

    static final class Serializer extends StdScalarSerializer<BigDecimal> {
        Serializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.toPlainString());
        }
    }

    static final class Deserializer extends StdScalarDeserializer<BigDecimal> {
        Deserializer() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser.currentToken(), parser,
                        "decimal amounts are JSON strings such as \"12.50\"");
            }
            String text = parser.getText(); // " 1.00" and "001.00" are refused, not cleaned up
            if (!PLAIN_DECIMAL.matcher(text).matches()) {
                return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text,
                        "not a plain decimal such as \"12.50\" (no spaces, no leading zeros)");
            }
            return new BigDecimal(text);
        }
    }
}
