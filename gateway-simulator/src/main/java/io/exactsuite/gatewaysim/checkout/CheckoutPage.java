package io.exactsuite.gatewaysim.checkout;

import io.exactsuite.gatewaysim.charge.ChargeView;

/**
 * The hosted checkout HTML: plain forms, no script, stable element ids ({@code pay}, {@code decline},
 * {@code abandon}, {@code status}, {@code error}) for browser tests. Form actions are relative, so the
 * page also works behind a proxy prefix.
 */
final class CheckoutPage {

    private CheckoutPage() {
    }

    static String page(ChargeView charge) {
        String id = escape(charge.id());
        return layout("Checkout " + id, """
                <h1>Pay <span id="amount">%s</span> <span id="currency">%s</span></h1>
                <p>Reference <span id="reference">%s</span>, charge <span id="charge">%s</span></p>
                <p>Status: <strong id="status">%s</strong></p>
                <form method="post" action="%s/pay"><button id="pay" type="submit">Pay</button></form>
                <form method="post" action="%s/decline"><button id="decline" type="submit">Decline</button></form>
                <form method="post" action="%s/abandon"><button id="abandon" type="submit">Leave without paying</button></form>
                """.formatted(escape(charge.amount()), escape(charge.currency()), escape(charge.reference()), id,
                escape(charge.status()), id, id, id));
    }

    /** After a form post: the resulting status, and a way back to the page. */
    static String result(ChargeView charge) {
        return layout("Charge " + escape(charge.status()), """
                <h1>Charge <span id="charge">%s</span></h1>
                <p><span id="amount">%s</span> <span id="currency">%s</span></p>
                <p>Status: <strong id="status">%s</strong></p>
                <p><a id="back" href="../%s">Back to checkout</a></p>
                """.formatted(escape(charge.id()), escape(charge.amount()), escape(charge.currency()),
                escape(charge.status()), escape(charge.id())));
    }

    /** A refused action (e.g. 409 charge_not_pending); {@code charge} is null when there is none. */
    static String error(String code, String detail, ChargeView charge) {
        String status = charge == null ? "" : """
                <p>Status: <strong id="status">%s</strong></p>
                """.formatted(escape(charge.status()));
        return layout("Cannot do that", """
                <h1>Cannot do that</h1>
                <p id="error">%s</p>
                <p id="detail">%s</p>
                %s""".formatted(escape(code), escape(detail), status));
    }

    private static String layout(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>%s</title></head>
                <body>
                %s</body>
                </html>
                """.formatted(title, body);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
