package io.exactsuite.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProductionGuardTests {

    private static final String REAL_KEY = "sk_live_real";
    private static final String REAL_URL = "https://api.gateway.example";

    @Test
    void shouldRefuseTheCommittedSecretInProdEvenBesideARealOne() {
        assertThat(ProductionGuard.problem(List.of("prod"), List.of(PaymentConfig.DEV_WEBHOOK_SECRET), REAL_KEY, REAL_URL))
                .contains("PAYMENT_WEBHOOK_SECRETS");
        assertThat(ProductionGuard.problem(List.of("prod"), List.of("whsec_real", PaymentConfig.DEV_WEBHOOK_SECRET), REAL_KEY,
                REAL_URL)).isNotNull();
    }

    @Test
    void shouldRefuseTheDevGatewayKeyAndTheSimulatorInProd() {
        assertThat(ProductionGuard.problem(List.of("prod"), List.of("whsec_real"), ProductionGuard.DEV_GATEWAY_KEY, REAL_URL))
                .contains("PAYMENT_GATEWAY_SECRET_KEY");
        assertThat(ProductionGuard.problem(List.of("prod"), List.of("whsec_real"), REAL_KEY, "http://127.0.0.1:8085/"))
                .contains("PAYMENT_GATEWAY_BASE_URL");
        assertThat(ProductionGuard.problem(List.of("prod"), List.of(PaymentConfig.DEV_WEBHOOK_SECRET),
                ProductionGuard.DEV_GATEWAY_KEY, ProductionGuard.SIMULATOR_URL))
                .as("every reason at once").contains("WEBHOOK").contains("SECRET_KEY").contains("BASE_URL");
    }

    @Test
    void shouldAcceptRealSettingsInProdAndTheDevOnesElsewhere() {
        assertThat(ProductionGuard.problem(List.of("prod"), List.of("whsec_real"), REAL_KEY, REAL_URL)).isNull();
        assertThat(ProductionGuard.problem(List.of("dev"), List.of(PaymentConfig.DEV_WEBHOOK_SECRET),
                ProductionGuard.DEV_GATEWAY_KEY, ProductionGuard.SIMULATOR_URL)).isNull();
        assertThat(ProductionGuard.problem(List.of("test"), List.of(PaymentConfig.DEV_WEBHOOK_SECRET),
                ProductionGuard.DEV_GATEWAY_KEY, ProductionGuard.SIMULATOR_URL)).isNull();
    }
}
