package io.exactsuite.common.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Says loudly when tokens are verified with the committed dev-only key. */
@Singleton
public class DevKeyWarning {

    static final String DEV_KEY = "dev-only-jwt/public.pem";
    private static final Logger LOG = Logger.getLogger(DevKeyWarning.class);

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location) {
        if (location.filter(DEV_KEY::equals).isPresent()) {
            LOG.warn("JWTs are verified with the committed DEV-ONLY key pair; anyone can mint tokens for it. "
                    + "Set MP_JWT_VERIFY_PUBLICKEY_LOCATION (or MP_JWT_VERIFY_PUBLICKEY) outside local development.");
        }
    }
}
