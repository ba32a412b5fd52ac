package io.exactsuite.payment;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * WireMock standing in for the services that own payments (order-service, voting-service) on a loopback
 * port; with the init argument {@code gateway=true} it stands in for the payment gateway too (for tests of
 * the adapter's handling of answers the simulator never gives).
 */
public class OwnerStandIn implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;
    private boolean gateway;

    @Override
    public void init(Map<String, String> args) {
        gateway = Boolean.parseBoolean(args.getOrDefault("gateway", "false"));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        acceptAllEvents();
        String url = "http://127.0.0.1:" + server.port();
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "payment.owners.order-base-url", url + "/order-service",
                "payment.owners.voting-base-url", url + "/voting-service"));
        if (gateway) {
            config.put("payment.gateway.base-url", url + "/gateway");
            config.put("payment.gateway.secret-key", "sk_test_standin");
        }
        return config;
    }

    /** The owners' default: every payment event is acknowledged (tests add more specific stubs). */
    static void acceptAllEvents() {
        server.stubFor(WireMock.post(WireMock.urlMatching("/(order|voting)-service/.*")).atPriority(10)
                .willReturn(WireMock.ok()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
