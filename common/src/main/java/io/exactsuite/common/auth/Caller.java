package io.exactsuite.common.auth;

import io.exactsuite.common.problem.ApiException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the verified JWT: {@code sub} is the user id; groups {@code service} and
 * {@code admin} may act for anyone, {@code user} only for themselves.
 */
@RequestScoped
public class Caller {

    public static final String USER = "user";
    public static final String SERVICE = "service";
    public static final String ADMIN = "admin";

    /** The suite's services, as callers of each other. */
    public static final String ORDER_SERVICE = "order-service";
    public static final String VOTING_SERVICE = "voting-service";
    public static final String PAYMENT_SERVICE = "payment-service";

    @Inject
    JsonWebToken token;

    public String id() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException();
        }
        return subject;
    }

    /** The caller's own token, to call another service on their behalf (it then checks ownership itself). */
    public String bearerToken() {
        return token.getRawToken();
    }

    public boolean isPrivileged() {
        return token.getGroups().contains(SERVICE) || token.getGroups().contains(ADMIN);
    }

    /** One of the suite's own services (group service). */
    public boolean isService() {
        return token.getGroups().contains(SERVICE);
    }

    /**
     * Function-level authorization between services: an admin, or the suite service named, recognised by its
     * token's subject ({@code suite.service-identity.<service>}, by default the service's name; in production the
     * subject of that service's own client at the issuer). Any other caller, another service included, is 403:
     * holding some service token is not enough to post payment events or earn points.
     */
    public void requireAdminOr(String... services) {
        if (isAdmin()) {
            return;
        }
        if (isService()) {
            String subject = id();
            for (String service : services) {
                if (subject.equals(identityOf(service))) {
                    return;
                }
            }
        }
        throw new ForbiddenException("Only " + String.join(" or ", services) + " (or an admin) may do this");
    }

    /** The token subject that identifies a suite service. */
    public static String identityOf(String service) {
        return ConfigProvider.getConfig().getOptionalValue("suite.service-identity." + service, String.class).orElse(service);
    }

    public boolean isAdmin() {
        return token.getGroups().contains(ADMIN);
    }

    public boolean mayActFor(String ownerId) {
        return isPrivileged() || id().equals(ownerId);
    }

    /**
     * Someone else's resource answers exactly like a missing one, so ids cannot be probed.
     */
    public void requireAccessTo(String ownerId, String what) {
        if (!mayActFor(ownerId)) {
            throw ApiException.notFound(what);
        }
    }
}
