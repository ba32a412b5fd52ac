package io.exactsuite.common.client;

import io.exactsuite.common.problem.ApiException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

/** Turns a dependency that is down, slow, or behind an open circuit into 503 + Retry-After for our caller. */
public final class Upstream {

    private static final Logger LOG = Logger.getLogger(Upstream.class);

    private Upstream() {
    }

    public static Reply reach(String service, Supplier<Reply> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            // Only when a client still maps error statuses to exceptions: read it as the answer it is.
            if (e.getResponse().getStatus() < 500) {
                return Reply.of(e.getResponse());
            }
            LOG.warnf("%s unavailable: %s", service, e.toString());
            throw ApiException.unavailable("dependency_unavailable", service + " is unavailable; retry shortly", 5);
        } catch (Reply.DependencyDown | ProcessingException | FaultToleranceException e) {
            LOG.warnf("%s unavailable: %s", service, e.toString());
            throw ApiException.unavailable("dependency_unavailable", service + " is unavailable; retry shortly", 5);
        }
    }
}
