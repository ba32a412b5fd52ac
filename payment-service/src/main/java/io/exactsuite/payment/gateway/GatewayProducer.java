package io.exactsuite.payment.gateway;

import io.exactsuite.payment.PaymentConfig;
import io.exactsuite.payment.simulator.SimulatedGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** {@code payment.gateway.kind} picks the adapter at run time: the built-in simulator or the HTTP gateway. */
@ApplicationScoped
public class GatewayProducer {

    @Inject
    PaymentConfig config;

    @Produces
    PaymentGateway gateway(SimulatedGateway simulated, HttpGateway http) {
        return switch (config.gateway().kind()) {
            case "simulated" -> simulated;
            case "http" -> http;
            default -> throw new IllegalStateException("payment.gateway.kind must be simulated or http, not "
                    + config.gateway().kind());
        };
    }
}
