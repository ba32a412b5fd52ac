package io.exactsuite.common.auth;

import io.exactsuite.common.problem.ApiException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
