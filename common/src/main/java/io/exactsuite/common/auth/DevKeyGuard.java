package io.exactsuite.common.auth;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The committed dev-only key pair lets anyone mint tokens. In the {@code prod} profile (what {@code java -jar}
 * runs unless told otherwise) a service refuses to start while tokens would be verified with it; in any other
 * profile (the local launchers run {@code dev}) it says so loudly and starts.
 */
@Singleton
public class DevKeyGuard {

    static final String DEV_KEY = "dev-only-jwt/public.pem";
    private static final Logger LOG = Logger.getLogger(DevKeyGuard.class);

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> inlineKey) {
        String problem = problem(ConfigUtils.getProfiles(), location, inlineKey);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        if (usesDevKey(location, inlineKey)) {
            LOG.warn("JWTs are verified with the committed DEV-ONLY key pair; anyone can mint tokens for it. "
                    + "Set MP_JWT_VERIFY_PUBLICKEY_LOCATION (or MP_JWT_VERIFY_PUBLICKEY) outside local development.");
        }
    }

    /** Null when this key configuration may run in these profiles, else why not. */
    static String problem(List<String> profiles, Optional<String> location, Optional<String> inlineKey) {
        if (profiles.contains("prod") && usesDevKey(location, inlineKey)) {
            return "Refusing to start in the prod profile with the committed dev-only JWT key: set "
                    + "MP_JWT_VERIFY_PUBLICKEY_LOCATION (or MP_JWT_VERIFY_PUBLICKEY) to your issuer's public key";
        }
        return null;
    }

    private static boolean usesDevKey(Optional<String> location, Optional<String> inlineKey) {
        return inlineKey.filter(key -> !key.isBlank()).isEmpty() && location.filter(DEV_KEY::equals).isPresent();
    }
}
