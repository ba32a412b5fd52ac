package io.exactsuite.gatewaysim.api;

import io.exactsuite.gatewaysim.SimulatorConfig;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** The base URL payers' browsers reach the simulator at: {@code simulator.public-url}, else the port actually bound. */
@ApplicationScoped
public class PublicUrl {

    @Inject
    SimulatorConfig config;
    @Inject
    Instance<HttpServer> server;

    public String base() {
        return config.publicUrl()
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                // Asked per request, so a random port (0) or the test port shows up as really bound.
                .orElseGet(() -> "http://127.0.0.1:" + server.get().getPort());
    }

    public String checkout(String chargeId) {
        return base() + "/checkout/" + chargeId;
    }
}
