package io.exactsuite.payment.audit;

import static io.exactsuite.common.auth.Caller.ADMIN;

import io.exactsuite.common.problem.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The payment books in aggregate, for operators and the consistency checker. */
@Path("/payments/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ADMIN)
public class PaymentAuditResource {

    @Inject
    PaymentAudit audit;

    @GET
    @APIResponse(responseCode = "200", description = "Per currency and purpose: captured, refunded, net, and whether"
            + " the payments agree with their refunds",
            content = @Content(schema = @Schema(implementation = PaymentAudit.Line[].class)))
    @APIResponse(responseCode = "400", description = "validation_failed (since is not an ISO-8601 instant)")
    public List<PaymentAudit.Line> lines(
            @Parameter(description = "only payments created at or after this instant, e.g. 2026-11-30T12:00:00Z")
            @QueryParam("since") String since) {
        return audit.lines(since == null || since.isBlank() ? null : instant(since));
    }

    private static Instant instant(String since) {
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("since", "must be an ISO-8601 instant such as 2026-11-30T12:00:00Z");
        }
    }
}
