package io.exactsuite.common.mutant;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Mutants: named switches that weaken a service on purpose, so the consistency checker's mutation test can
 * show that the checker catches each weakness. At most one is active, named by {@code suite.mutant}
 * (environment {@code SUITE_MUTANT}); without it every service behaves exactly as it would without this class.
 *
 * <p><b>How a mutant is kept out of production.</b> A start that names a mutant is refused (startup fails with
 * {@link IllegalStateException}) unless the active profiles include {@value #PROFILE} (set only by the checker's
 * mutation test, {@code -Dquarkus.profile=mutant}) or {@code test} (Quarkus tests), and it is refused whenever they
 * include {@code prod}, the profile a plain {@code java -jar} runs with. An unknown name is refused too, so a typo
 * can never pass for a clean run. An accepted mutant is announced with a WARN at startup.
 */
@Singleton
public class Mutants {

    /** The profile the checker's mutation test starts services with; the only non-test profile that admits a mutant. */
    public static final String PROFILE = "mutant";

    /** Idempotency runs the effect without claiming or replaying the key: every duplicate applies again. */
    public static final String SKIP_IDEMPOTENCY = "skip-idempotency";
    /** points-service: balance read without the row lock and written back absolute; concurrent changes get lost. */
    public static final String BALANCE_READ_MODIFY_WRITE = "balance-read-modify-write";
    /** order-service: stock read without lock or guard and {@code reserved} written back absolute; counters drift. */
    public static final String INVENTORY_READ_MODIFY_WRITE = "inventory-read-modify-write";
    /** order-service: any 409 from payment-service's refund counts as refunded, so a partial refund's rest is never refunded. */
    public static final String ANY_409_IS_SUCCESS = "any-409-is-success";

    public static final Set<String> NAMES = Set.of(SKIP_IDEMPOTENCY, BALANCE_READ_MODIFY_WRITE,
            INVENTORY_READ_MODIFY_WRITE, ANY_409_IS_SUCCESS);

    private static final Logger LOG = Logger.getLogger(Mutants.class);

    private final Optional<String> mutant;

    @Inject
    public Mutants(@ConfigProperty(name = "suite.mutant") Optional<String> mutant) {
        this.mutant = mutant.map(String::trim).filter(name -> !name.isEmpty());
    }

    /** True only when {@code name} is the mutant this service was (admittedly) started with. */
    public boolean active(String name) {
        return mutant.isPresent() && mutant.get().equals(name);
    }

    void onStart(@Observes StartupEvent event) {
        String problem = problem(ConfigUtils.getProfiles(), mutant);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        mutant.ifPresent(name -> LOG.warnf(
                "MUTANT %s ACTIVE: this service is weakened on purpose for the consistency checker", name));
    }

    /** Why a start with these profiles and this mutant must be refused; null when it may go on. */
    static String problem(List<String> profiles, Optional<String> mutant) {
        Optional<String> name = mutant.map(String::trim).filter(value -> !value.isEmpty());
        if (name.isEmpty()) {
            return null;
        }
        if (profiles.contains("prod")) {
            return "suite.mutant=" + name.get() + " is refused in the prod profile: mutants weaken the service on "
                    + "purpose and exist only for the consistency checker (start with -Dquarkus.profile=" + PROFILE + ")";
        }
        if (!profiles.contains(PROFILE) && !profiles.contains("test")) {
            return "suite.mutant=" + name.get() + " is refused in profile(s) " + profiles + ": only the " + PROFILE
                    + " and test profiles admit a mutant";
        }
        if (!NAMES.contains(name.get())) {
            return "suite.mutant=" + name.get() + " names no mutant; known: " + NAMES.stream().sorted().toList();
        }
        return null;
    }
}
