package io.exactsuite.gatewaysim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DevOnlyTests {

    @Test
    void shouldRefuseProdAndRunAnywhereElse() {
        assertThat(DevOnly.problem(List.of("prod"))).contains("QUARKUS_PROFILE=dev");
        assertThat(DevOnly.problem(List.of("dev"))).isNull();
        assertThat(DevOnly.problem(List.of("test"))).isNull();
    }
}
