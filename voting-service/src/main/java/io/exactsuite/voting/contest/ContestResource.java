package io.exactsuite.voting.contest;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

import io.exactsuite.common.idempotency.Idempotency;
import io.exactsuite.common.idempotency.Outcome;
import io.exactsuite.voting.tally.Tally;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/contests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ USER, SERVICE, ADMIN })
public class ContestResource {

    @Inject
    ContestService contests;
    @Inject
    Tally tally;
    @Inject
    Idempotency idempotency;

    @POST
    @RolesAllowed(ADMIN)
    @APIResponse(responseCode = "201", description = "Contest created",
            content = @Content(schema = @Schema(implementation = ContestView.class)))
    public Response create(@Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull CreateContest body) {
        return idempotency.execute(idempotencyKey, body, () -> {
            Contest contest = contests.create(body);
            return Outcome.created(ContestView.of(contest), "/contests/" + contest.id);
        });
    }

    @GET
    @Path("/{id}")
    public ContestView get(@PathParam("id") UUID id) {
        return ContestView.of(contests.find(id));
    }

    /** Exact: the sum of every credit committed before this read. */
    @GET
    @Path("/{id}/leaderboard")
    public List<Tally.Standing> leaderboard(@PathParam("id") UUID id) {
        contests.find(id);
        return tally.leaderboard(id);
    }

    @GET
    @Path("/{id}/audit")
    @RolesAllowed({ SERVICE, ADMIN })
    public List<Tally.AuditLine> audit(@PathParam("id") UUID id) {
        contests.find(id);
        return tally.audit(id);
    }
}
