package io.exactsuite.voting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** WireMock standing in for payment-service: creates PENDING payments; verify says SUCCEEDED unless told otherwise. */
public class PaymentStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String PAYMENT_ID = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
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
    }

    static void verifyAnswers(String status) {
        server.stubFor(post(urlMatching("/payment/payments/[^/]+/verify")).atPriority(10).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + PAYMENT_ID + "\",\"reference\":\"pay_STANDIN\",\"status\":\"" + status + "\"}")));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
