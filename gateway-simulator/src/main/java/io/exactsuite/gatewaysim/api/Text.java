package io.exactsuite.gatewaysim.api;

/** Identifiers a caller sends (a reference, a charge id) are printable text, as a real gateway insists. */
public final class Text {

    private Text() {
    }

    /**
     * The value, if it is 1 to {@code max} characters with no control character and no unpaired surrogate;
     * otherwise a 400 {@code request_invalid} naming the field.
     */
    public static String require(String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw ApiException.badRequest("request_invalid", field + " must be 1 to " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (Character.isISOControl(c) || (Character.isSurrogate(c) && !paired)) {
                throw ApiException.badRequest("request_invalid", field + " must be printable text");
            }
            if (paired) {
                i++;
            }
        }
        return value;
    }
}
