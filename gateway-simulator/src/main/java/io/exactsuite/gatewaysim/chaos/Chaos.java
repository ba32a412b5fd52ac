package io.exactsuite.gatewaysim.chaos;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/** The switches currently in force. Each decision reads one snapshot, so a PUT never half-applies. */
@ApplicationScoped
public class Chaos {

    private final AtomicReference<ChaosSettings> current = new AtomicReference<>(ChaosSettings.calm());

    public ChaosSettings current() {
        return current.get();
    }

    public ChaosSettings set(ChaosSettings settings) {
        current.set(settings.validated());
        return settings;
    }

    public ChaosSettings reset() {
        return set(ChaosSettings.calm());
    }
}
