package io.exactsuite.gatewaysim.checkout;

import io.exactsuite.gatewaysim.api.ApiException;
import io.exactsuite.gatewaysim.api.ProblemMappers;
import io.exactsuite.gatewaysim.charge.Charge;
import io.exactsuite.gatewaysim.charge.ChargeService;
import io.exactsuite.gatewaysim.charge.ChargeView;
import io.exactsuite.gatewaysim.charge.PayerAction;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The hosted checkout: what the payer's browser sees. No API key, as on a real gateway's payment page.
 * A browser form post (Accept includes text/html) gets an HTML page; any other caller gets the charge as JSON.
 */
@Path("/checkout/{id}")
@Tag(name = "checkout", description = "The payer's side: open the page, pay, decline or leave")
public class CheckoutResource {

    @Inject
    ChargeService charges;

    @GET
    @Operation(summary = "The checkout page (text/html; an unknown charge is problem+json unless Accept has text/html)")
    public Response page(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        try {
            return Response.ok(CheckoutPage.page(charges.view(charges.find(id))), MediaType.TEXT_HTML_TYPE).build();
        } catch (ApiException e) {
            return refused(e, null, wantsHtml(accept));
        }
    }

    @POST
    @Path("/pay")
    @Operation(summary = "The payer pays (chaos may decline it, or fail it and succeed later)")
    public Response pay(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return act(id, PayerAction.PAY, accept);
    }

    @POST
    @Path("/decline")
    @Operation(summary = "The payer's bank declines")
    public Response decline(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return act(id, PayerAction.DECLINE, accept);
    }

    @POST
    @Path("/abandon")
    @Operation(summary = "The payer leaves without paying (they may come back)")
    public Response abandon(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return act(id, PayerAction.ABANDON, accept);
    }

    private Response act(String id, PayerAction action, String accept) {
        boolean html = wantsHtml(accept);
        Charge charge = null;
        try {
            charge = charges.find(id);
            ChargeView view = charges.view(charges.act(id, action));
            return html
                    ? Response.ok(CheckoutPage.result(view), MediaType.TEXT_HTML_TYPE).build()
                    : Response.ok(view, MediaType.APPLICATION_JSON_TYPE).build();
        } catch (ApiException e) {
            return refused(e, charge == null ? null : charges.view(charge), html);
        }
    }

    private static Response refused(ApiException e, ChargeView charge, boolean html) {
        if (!html) {
            return ProblemMappers.respond(e.problem());
        }
        return Response.status(e.status())
                .entity(CheckoutPage.error(e.code(), e.getMessage(), charge))
                .type(MediaType.TEXT_HTML_TYPE)
                .build();
    }

    static boolean wantsHtml(String accept) {
        return accept != null && accept.toLowerCase().contains("text/html");
    }
}
