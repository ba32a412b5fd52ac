package io.exactsuite.gatewaysim;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The simulator pays any checkout when its button is clicked, with no payer and no card: it is for local
 * runs and tests. In the {@code prod} profile (what {@code java -jar} runs unless told otherwise) it refuses
 * to start; the suite's launchers start it in the {@code dev} profile.
 */
@ApplicationScoped
public class DevOnly {

    void check(@Observes StartupEvent started) {
        String problem = problem(ConfigUtils.getProfiles());
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    static String problem(List<String> profiles) {
        return profiles.contains("prod")
                ? "Refusing to start in the prod profile: the gateway simulator pays anything and is for local runs and tests "
                        + "only (start it with QUARKUS_PROFILE=dev)"
                : null;
    }
}
