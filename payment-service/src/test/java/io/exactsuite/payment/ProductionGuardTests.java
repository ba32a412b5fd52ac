package io.exactsuite.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProductionGuardTests {

    @Test
    void shouldRefuseTheCommittedSecretInProdEvenBesideARealOne() {
        assertThat(ProductionGuard.problem(List.of("prod"), List.of(PaymentConfig.DEV_WEBHOOK_SECRET))).contains("PAYMENT_WEBHOOK_SECRETS");
        assertThat(ProductionGuard.problem(List.of("prod"), List.of("whsec_real", PaymentConfig.DEV_WEBHOOK_SECRET))).isNotNull();
    }

    @Test
    void shouldAcceptARealSecretInProdAndTheDevSecretElsewhere() {
        assertThat(ProductionGuard.problem(List.of("prod"), List.of("whsec_real"))).isNull();
        assertThat(ProductionGuard.problem(List.of("dev"), List.of(PaymentConfig.DEV_WEBHOOK_SECRET))).isNull();
        assertThat(ProductionGuard.problem(List.of("test"), List.of(PaymentConfig.DEV_WEBHOOK_SECRET))).isNull();
    }
}
