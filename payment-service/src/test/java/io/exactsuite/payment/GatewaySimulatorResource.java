package io.exactsuite.payment;

import io.exactsuite.testing.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The gateway simulator, started as its own process from its packaged jar (as {@code ./suite} starts it),
 * sending its signed webhooks to the payment-service under test. payment-service has one gateway
 * adapter, the HTTP one, and these tests drive it against the simulator's real wire format.
 */
public class GatewaySimulatorResource implements QuarkusTestResourceLifecycleManager {

    static final String API_KEY = "sk_test_payment_tests";
    static volatile String url;
    private ServiceProcess simulator;

    @Override
    public Map<String, String> start() {
        Path jar = Path.of("..", "gateway-simulator", "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build the gateway simulator first (./mvnw install builds it before "
                    + "payment-service): " + jar.toAbsolutePath());
        }
        int servicePort = ServiceProcess.freePort();
        simulator = ServiceProcess.start(jar, Path.of("target", "gateway-simulator.log"), Map.of(
                "SIMULATOR_API_KEY", API_KEY,
                "SIMULATOR_WEBHOOK_URL", "http://127.0.0.1:" + servicePort + "/webhooks/gateway",
                "SIMULATOR_WEBHOOK_SECRET", PaymentsApi.SECRET));
        url = simulator.baseUrl();
        return Map.of(
                "quarkus.http.test-port", String.valueOf(servicePort),
                "payment.gateway.base-url", url,
                "payment.gateway.secret-key", API_KEY);
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
