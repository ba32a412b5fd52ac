package io.exactsuite.points.ledger;

import io.exactsuite.common.problem.ApiException;
import io.vertx.core.http.HttpServerRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The optional {@value #HEADER} request header: a durable key for the business effect a ledger entry
 * records (e.g. {@code order:42:capture}). Unlike an Idempotency-Key it never expires: the unique
 * {@code ledger_entry.reference} column means the effect is applied at most once, ever.
 */
public final class BusinessReference {

    public static final String HEADER = "Business-Reference";
    public static final String REPLAYED_HEADER = "Business-Replayed";
    public static final int MAX_LENGTH = 255;
    public static final String PATTERN = "^[A-Za-z0-9:._-]+$";
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9:._-]+");

    private BusinessReference() {
    }

    /**
     * The header as received, checked; null when absent. Read from the raw request so that an empty
     * header or a repeated one is refused rather than taken for "no reference". Throws 400
     * validation_failed naming the header, before anything is written.
     */
    public static String of(HttpServerRequest request) {
        List<String> values = request.headers().getAll(HEADER);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.invalidField(HEADER, "must be sent at most once");
        }
        return validate(values.get(0));
    }

    static String validate(String reference) {
        if (reference == null) {
            return null;
        }
        if (reference.isEmpty() || reference.length() > MAX_LENGTH || !ALLOWED.matcher(reference).matches()) {
            throw ApiException.invalidField(HEADER,
                    "must be 1 to " + MAX_LENGTH + " characters from A-Z a-z 0-9 : . _ -");
        }
        return reference;
    }

    /**
     * What the Idempotency-Key fingerprint covers: the body alone without a reference (as before), so
     * a key reused with another reference is refused as reuse rather than replayed.
     */
    public static Object fingerprint(Object body, String reference) {
        if (reference == null) {
            return body;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("body", body);
        request.put("businessReference", reference);
        return request;
    }
}
