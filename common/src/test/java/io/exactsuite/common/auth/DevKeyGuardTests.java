package io.exactsuite.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevKeyGuardTests {

    private static final Optional<String> DEV = Optional.of(DevKeyGuard.DEV_KEY);

    @Test
    void shouldRefuseTheCommittedKeyInProdOnly() {
        assertThat(DevKeyGuard.problem(List.of("prod"), DEV, Optional.empty())).contains("dev-only JWT key");
        assertThat(DevKeyGuard.problem(List.of("dev"), DEV, Optional.empty())).isNull();
        assertThat(DevKeyGuard.problem(List.of("test"), DEV, Optional.empty())).isNull();
    }

    @Test
    void shouldStartInProdWithAKeyOfItsOwn() {
        assertThat(DevKeyGuard.problem(List.of("prod"), Optional.of("file:/etc/jwt/public.pem"), Optional.empty())).isNull();
        assertThat(DevKeyGuard.problem(List.of("prod"), DEV, Optional.of("MIIBIjANBgkq..."))).isNull();
    }
}
