package io.exactsuite.order.catalog;

import static io.exactsuite.common.auth.Caller.ADMIN;
import static io.exactsuite.common.auth.Caller.SERVICE;
import static io.exactsuite.common.auth.Caller.USER;

import io.exactsuite.common.idempotency.Idempotency;
import io.exactsuite.common.idempotency.Outcome;
import io.exactsuite.common.tx.Transactions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ USER, SERVICE, ADMIN })
public class ProductResource {

    @Inject
    CatalogService catalog;
    @Inject
    Idempotency idempotency;
    @Inject
    Transactions transactions;

    @POST
    @RolesAllowed(ADMIN)
    @APIResponse(responseCode = "201", description = "Product created",
            content = @Content(schema = @Schema(implementation = ProductView.class)))
    public Response create(@Parameter(required = true) @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull CreateProduct body) {
        return idempotency.execute(idempotencyKey, body, () -> {
            Product product = catalog.create(body);
            return Outcome.created(catalog.view(product), "/products/" + product.id);
        });
    }

    @GET
    @Path("/{id}")
    public ProductView get(@PathParam("id") UUID id) {
        return catalog.view(catalog.find(id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(ADMIN)
    @APIResponse(responseCode = "200", description = "The product as changed",
            content = @Content(schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "409", description = "capacity_below_committed")
    public ProductView update(@PathParam("id") UUID id, @Valid @NotNull UpdateProduct body) {
        return transactions.inRetryingTransaction(() -> catalog.view(catalog.update(id, body)));
    }

    @PUT
    @Path("/{id}/dates/{date}")
    @RolesAllowed(ADMIN)
    @APIResponse(responseCode = "200", description = "The date's capacity as set",
            content = @Content(schema = @Schema(implementation = DateView.class)))
    @APIResponse(responseCode = "409", description = "capacity_below_committed")
    public DateView setDateCapacity(@PathParam("id") UUID id, @PathParam("date") LocalDate date,
            @Valid @NotNull DateCapacity body) {
        return transactions.inRetryingTransaction(() -> DateView.of(catalog.setDateCapacity(id, date, body.capacity())));
    }

    @GET
    @Path("/{id}/dates/{date}")
    public DateView date(@PathParam("id") UUID id, @PathParam("date") LocalDate date) {
        return DateView.of(catalog.date(id, date));
    }

    @GET
    @Path("/{id}/audit")
    @RolesAllowed({ SERVICE, ADMIN })
    public ProductAudit audit(@PathParam("id") UUID id) {
        return catalog.audit(id);
    }
}
