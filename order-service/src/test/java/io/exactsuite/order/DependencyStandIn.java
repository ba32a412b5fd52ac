package io.exactsuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * WireMock standing in for points-service and payment-service, on a loopback port. Default stubs answer
 * like the real services; tests add failures (timeouts, 5xx, resets) on top with higher priority.
 */
public class DependencyStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String PAYMENT_ID = "7d3a3c1e-5b8e-4a57-9d0e-1f2a3b4c5d6e";
    public static final String HOLD_ID = "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        answerLikeTheRealServices();
        String url = "http://127.0.0.1:" + server.port();
        return Map.of("orders.points.base-url", url + "/points", "orders.payment.base-url", url + "/payment");
    }

    static void answerLikeTheRealServices() {
        server.resetAll();
        json("/payment/payments", 201, "{\"id\":\"" + PAYMENT_ID + "\",\"reference\":\"pay_STANDIN\",\"status\":\"PENDING\","
                + "\"checkoutUrl\":\"http://127.0.0.1/simulator/checkout/ch_STANDIN\"}");
        json("/payment/payments/[^/]+/cancel", 200, "{\"status\":\"CANCELLED\"}");
        json("/payment/payments/[^/]+/refunds", 201, "{\"status\":\"PENDING\"}");
        json("/points/accounts/[^/]+/holds", 201, "{\"id\":\"" + HOLD_ID + "\",\"status\":\"HELD\"}");
        json("/points/holds/[^/]+/capture", 201, "{\"id\":101,\"type\":\"CAPTURE\"}");
        json("/points/holds/[^/]+/release", 200, "{\"status\":\"RELEASED\"}");
        json("/points/accounts/[^/]+/holds/void", 200, "{\"status\":\"VOIDED\"}");
        json("/points/accounts/[^/]+/earn", 201, "{\"id\":102,\"type\":\"EARN\"}");
        json("/points/accounts/[^/]+/spend", 201, "{\"id\":103,\"type\":\"SPEND\"}");
        json("/points/entries/[^/]+/reversal", 201, "{\"id\":104,\"type\":\"REVERSAL\"}");
    }

    private static void json(String pathRegex, int status, String body) {
        server.stubFor(post(urlMatching(pathRegex)).atPriority(10).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
