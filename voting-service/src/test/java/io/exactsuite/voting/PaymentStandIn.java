package io.exactsuite.voting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * WireMock standing in for payment-service: creates PENDING payments; verify says SUCCEEDED unless told otherwise;
 * refunds are booked (201) unless told otherwise, and every refund call is recorded.
 */
public class PaymentStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String PAYMENT_ID = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
    public static final String REFUND_ID = "9f8e7d6c-5b4a-4321-8fed-cba987654321";
    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        answerLikePaymentService();
        return Map.of("voting.payment.base-url", "http://127.0.0.1:" + server.port() + "/payment");
    }

    static void answerLikePaymentService() {
        server.resetAll();
        server.stubFor(post(urlMatching("/payment/payments")).atPriority(10).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + PAYMENT_ID + "\",\"reference\":\"pay_STANDIN\",\"status\":\"PENDING\","
                        + "\"checkoutUrl\":\"http://127.0.0.1/simulator/checkout/ch_STANDIN\"}")));
        verifyAnswers("SUCCEEDED");
        refundAnswers(201, "{\"id\":\"" + REFUND_ID + "\",\"paymentId\":\"" + PAYMENT_ID
                + "\",\"status\":\"PENDING\"}");
    }

    static void verifyAnswers(String status) {
        server.stubFor(post(urlMatching("/payment/payments/[^/]+/verify")).atPriority(10).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + PAYMENT_ID + "\",\"reference\":\"pay_STANDIN\",\"status\":\"" + status + "\"}")));
    }

    /** Verify answers the payment view with amounts, e.g. ("REFUNDED", "0.50", "0.50"). */
    static void verifyAnswers(String status, String amount, String refundedAmount) {
        server.stubFor(post(urlMatching("/payment/payments/[^/]+/verify")).atPriority(10).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(paymentView(status, amount,
                        refundedAmount))));
    }

    /** GET /payments/{id} answers the payment view. */
    static void paymentAnswers(String status, String amount, String refundedAmount) {
        server.stubFor(get(urlMatching("/payment/payments/[^/]+")).atPriority(10).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(paymentView(status, amount,
                        refundedAmount))));
    }

    /** POST /payments/{id}/refunds answers this (201 with a refund, a 409 problem, 503, ...). */
    static void refundAnswers(int status, String body) {
        server.stubFor(post(urlMatching("/payment/payments/[^/]+/refunds")).atPriority(10).willReturn(aResponse()
                .withStatus(status).withHeader("Content-Type", status >= 400 ? "application/problem+json"
                        : "application/json").withBody(body)));
    }

    static String problem(int status, String code) {
        return "{\"status\":" + status + ",\"code\":\"" + code + "\",\"title\":\"Conflict\"}";
    }

    /** The refund calls voting-service made, oldest first. */
    static List<LoggedRequest> refundRequests() {
        return server.findAll(postRequestedFor(urlMatching("/payment/payments/[^/]+/refunds")));
    }

    private static String paymentView(String status, String amount, String refundedAmount) {
        return "{\"id\":\"" + PAYMENT_ID + "\",\"reference\":\"pay_STANDIN\",\"status\":\"" + status
                + "\",\"amount\":\"" + amount + "\",\"refundedAmount\":\"" + refundedAmount + "\",\"currency\":\"USD\"}";
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
