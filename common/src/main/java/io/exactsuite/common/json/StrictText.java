package io.exactsuite.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Text fields take JSON strings only (a number or a boolean where text belongs is refused, not
 * stringified) and never carry control characters or lone UTF-16 surrogates: PostgreSQL refuses a NUL,
 * and the others have no business in a name, a reason or an id.
 */
public final class StrictText extends StdScalarDeserializer<String> {

    public StrictText() {
        super(String.class);
    }

    /** A text value that parsed as JSON but is not acceptable text. */
    public static final class InvalidText extends MismatchedInputException {
        InvalidText(JsonParser parser, String message) {
            super(parser, message, String.class);
        }
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (String) context.handleUnexpectedToken(String.class, parser.currentToken(), parser,
                    "text values are JSON strings");
        }
        String text = parser.getText();
        String problem = problemWith(text);
        if (problem != null) {
            throw new InvalidText(parser, problem);
        }
        return text;
    }

    /** Why the text is refused, or null when it is fine. */
    public static String problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return "contains a control character (U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains a lone surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains a lone surrogate";
            }
        }
        return null;
    }
}
