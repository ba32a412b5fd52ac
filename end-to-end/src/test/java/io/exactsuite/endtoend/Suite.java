package io.exactsuite.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.Http;
import io.exactsuite.testing.ServiceProcess;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The four packaged services started as a user starts them (java -jar, each on its own embedded
 * PostgreSQL kept in a data directory), wired to each other by base URL and a service token, with the
 * gateway simulator as the payment gateway (its own process, signing its webhooks with a per-run secret).
 */
final class Suite implements AutoCloseable {

    enum Service {
        GATEWAY("gateway-simulator"), POINTS("points-service"), PAYMENT("payment-service"), ORDER("order-service"),
        VOTING("voting-service");

        final String module;

        Service(String module) {
            this.module = module;
        }
    }

    static final String ADMIN = DevTokens.admin("ops");
    static final String SERVICE_TOKEN = DevTokens.mint("suite-services", Duration.ofHours(2), "service");
    /** Each service calls the others as itself (its own token subject); see Caller#requireAdminOr. */
    static final String ORDER_SERVICE_TOKEN = DevTokens.mint("order-service", Duration.ofHours(2), "service");
    static final String VOTING_SERVICE_TOKEN = DevTokens.mint("voting-service", Duration.ofHours(2), "service");
    static final String PAYMENT_SERVICE_TOKEN = DevTokens.mint("payment-service", Duration.ofHours(2), "service");
    /** Generated per run, as ./suite does: payment-service refuses the committed dev secret in prod. */
    static final String WEBHOOK_SECRET = "whsec_" + UUID.randomUUID();
    static final String GATEWAY_KEY = "sk_test_" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, ServiceProcess> running = new EnumMap<>(Service.class);

    Suite(Path home) {
        this.home = home;
        for (Service service : Service.values()) {
            ports.put(service, ServiceProcess.freePort());
        }
        for (Service service : Service.values()) {
            start(service);
        }
    }

    void start(Service service) {
        Map<String, String> env = new HashMap<>();
        env.put("PAYMENT_OWNERS_ORDER_BASE_URL", url(Service.ORDER));
        env.put("PAYMENT_OWNERS_VOTING_BASE_URL", url(Service.VOTING));
        env.put("PAYMENT_OWNERS_SERVICE_TOKEN", PAYMENT_SERVICE_TOKEN);
        env.put("PAYMENT_OUTBOX_INITIAL_BACKOFF", "PT0.2S");
        env.put("PAYMENT_OUTBOX_MAX_BACKOFF", "PT1S");
        env.put("PAYMENT_OUTBOX_MAX_ATTEMPTS", "200");
        env.put("PAYMENT_GATEWAY_BASE_URL", url(Service.GATEWAY));
        env.put("PAYMENT_GATEWAY_SECRET_KEY", GATEWAY_KEY);
        env.put("PAYMENT_WEBHOOK_SECRETS", WEBHOOK_SECRET);
        env.put("SIMULATOR_API_KEY", GATEWAY_KEY);
        env.put("SIMULATOR_WEBHOOK_URL", url(Service.PAYMENT) + "/webhooks/gateway");
        env.put("SIMULATOR_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.put("ORDERS_POINTS_BASE_URL", url(Service.POINTS));
        env.put("ORDERS_PAYMENT_BASE_URL", url(Service.PAYMENT));
        env.put("ORDERS_SERVICE_TOKEN", ORDER_SERVICE_TOKEN);
        env.put("ORDERS_PAYMENT_TTL", "PT8S");
        env.put("ORDERS_EXPIRY_CHECK_EVERY", "1s");
        env.put("VOTING_PAYMENT_BASE_URL", url(Service.PAYMENT));
        env.put("VOTING_SERVICE_TOKEN", VOTING_SERVICE_TOKEN);
        Path jar = Path.of("..", service.module, "target", "quarkus-app", "quarkus-run.jar");
        running.put(service, ServiceProcess.start(jar, home.resolve(service.module + ".log"), ports.get(service), env,
                "-Dsuite.data-dir=" + home.resolve(service.module)));
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    void kill(Service service) {
        running.remove(service).kill();
    }

    String url(Service service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    Http http(Service service) {
        return new Http(url(service));
    }

    /** POST with a fresh Idempotency-Key; fails unless the status is one of {@code expected}. */
    JsonNode post(Service service, String path, String token, String body, int... expected) {
        return check(http(service).post(path, token, UUID.randomUUID().toString(), body), "POST " + path, expected);
    }

    JsonNode get(Service service, String path, String token) {
        return check(http(service).get(path, token), "GET " + path, 200);
    }

    private static JsonNode check(Http.Reply reply, String what, int... expected) {
        for (int status : expected) {
            if (reply.status() == status) {
                try {
                    return reply.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(reply.body());
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError(what + " answered " + reply.status() + ": " + reply.body());
    }

    @Override
    public void close() {
        running.values().forEach(ServiceProcess::close);
    }
}
