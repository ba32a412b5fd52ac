package io.exactsuite.common.mutant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MutantsTests {

    @Test
    void shouldLetAnyProfileStartWhenNoMutantIsNamed() {
        assertThat(Mutants.problem(List.of("prod"), Optional.empty())).isNull();
        assertThat(Mutants.problem(List.of("prod"), Optional.of("  "))).isNull();
        assertThat(Mutants.problem(List.of("dev"), Optional.empty())).isNull();
        assertThat(Mutants.problem(List.of("mutant"), Optional.empty())).isNull();
    }

    @Test
    void shouldRefuseAMutantInTheProdProfile() {
        assertThat(Mutants.problem(List.of("prod"), Optional.of(Mutants.SKIP_IDEMPOTENCY)))
                .contains("refused in the prod profile");
        assertThat(Mutants.problem(List.of("mutant", "prod"), Optional.of(Mutants.ANY_409_IS_SUCCESS)))
                .contains("refused in the prod profile");
    }

    @Test
    void shouldRefuseAMutantOutsideTheMutantAndTestProfiles() {
        assertThat(Mutants.problem(List.of("dev"), Optional.of(Mutants.BALANCE_READ_MODIFY_WRITE)))
                .contains("only the mutant and test profiles");
        assertThat(Mutants.problem(List.of("staging"), Optional.of(Mutants.BALANCE_READ_MODIFY_WRITE)))
                .contains("only the mutant and test profiles");
    }

    @Test
    void shouldRefuseAnUnknownName() {
        assertThat(Mutants.problem(List.of("mutant"), Optional.of("skip-idempotence"))).contains("names no mutant");
        assertThat(Mutants.problem(List.of("test"), Optional.of("SKIP-IDEMPOTENCY"))).contains("names no mutant");
    }

    @Test
    void shouldAdmitEveryKnownMutantInTheMutantOrTestProfile() {
        assertThat(Mutants.NAMES).containsExactlyInAnyOrder("skip-idempotency", "balance-read-modify-write",
                "inventory-read-modify-write", "any-409-is-success");
        for (String name : Mutants.NAMES) {
            assertThat(Mutants.problem(List.of("mutant"), Optional.of(name))).isNull();
            assertThat(Mutants.problem(List.of("test"), Optional.of(name))).isNull();
        }
    }

    @Test
    void shouldBeActiveOnlyForTheNamedMutant() {
        Mutants none = new Mutants(Optional.empty());
        Mutants one = new Mutants(Optional.of(Mutants.ANY_409_IS_SUCCESS));
        for (String name : Mutants.NAMES) {
            assertThat(none.active(name)).isFalse();
            assertThat(one.active(name)).isEqualTo(name.equals(Mutants.ANY_409_IS_SUCCESS));
        }
    }
}
