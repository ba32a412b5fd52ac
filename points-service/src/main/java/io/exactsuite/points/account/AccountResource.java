package io.exactsuite.points.account;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

import io.exactsuite.common.idempotency.Idempotency;
import io.exactsuite.common.idempotency.Outcome;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The account itself. Hold and ledger endpoints live in their own packages, which depend on this one, never the reverse. */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ USER, SERVICE, ADMIN })
public class AccountResource {

    @Inject
    AccountService accounts;
    @Inject
    Idempotency idempotency;

    @POST
    @APIResponse(responseCode = "201", description = "Account opened",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    public Response open(@Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull OpenAccount body) {
        return idempotency.execute(idempotencyKey, body, () -> {
            Account account = accounts.open(body);
            return Outcome.created(AccountView.of(account), "/accounts/" + account.id);
        });
    }

    @GET
    @Path("/{id}")
    public AccountView get(@PathParam("id") UUID id) {
        return AccountView.of(accounts.find(id));
    }

    @GET
    @Path("/{id}/audit")
    public AuditView audit(@PathParam("id") UUID id) {
        return accounts.audit(id);
    }
}
