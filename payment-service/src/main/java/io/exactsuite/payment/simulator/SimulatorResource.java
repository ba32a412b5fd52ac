package io.exactsuite.payment.simulator;

import static io.exactsuite.common.auth.Caller.ADMIN;

import io.exactsuite.common.problem.ApiException;
import io.exactsuite.payment.gateway.ChargeStatus;
import io.exactsuite.payment.gateway.GatewayCharge;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;


/**
 * The simulated gateway's public face: the payer's checkout (complete or decline, by page or by curl)
 * and the chaos switches (admin). Like a real gateway's hosted checkout it takes no bearer token and no
 * Idempotency-Key: completing a charge twice is refused by the charge's own state.
 */
@Path("/simulator")
public class SimulatorResource {

    @Inject
    EntityManager em;
    @Inject
    SimulatedGateway simulator;

    @GET
    @Path("/checkout/{chargeId}")
    @Produces(MediaType.TEXT_HTML)
    @PermitAll
    public String checkoutPage(@PathParam("chargeId") String chargeId) {
        GatewayCharge charge = simulator.charge("id", chargeId);
        String id = charge.id();
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>Simulated checkout</title></head>
                <body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">
                <h1>Simulated gateway</h1><p>Charge <code>%s</code>: <strong>%s %s</strong>, status <strong>%s</strong>.</p>
                <form method="post" action="/simulator/charges/%s/complete"><button>Pay</button></form>
                <form method="post" action="/simulator/charges/%s/decline"><button>Decline</button></form>
                </body></html>""".formatted(id, charge.amount().toPlainString(), charge.currency(), charge.status(), id, id);
    }

    @POST
    @Path("/charges/{chargeId}/complete")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Transactional
    public SimulatedCharge complete(@PathParam("chargeId") String chargeId) {
        boolean decline = Chaos.current().declineAll;
        return finish(chargeId, decline ? "DECLINED" : "SUCCEEDED");
    }

    @POST
    @Path("/charges/{chargeId}/decline")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Transactional
    public SimulatedCharge decline(@PathParam("chargeId") String chargeId) {
        return finish(chargeId, "DECLINED");
    }

    @GET
    @Path("/chaos")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ADMIN)
    public Chaos.Settings chaos() {
        return Chaos.current().settings();
    }

    @PUT
    @Path("/chaos")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ADMIN)
    @Transactional
    public Chaos.Settings setChaos(@Valid @NotNull Chaos.Settings settings) {
        Chaos chaos = Chaos.current();
        chaos.apply(settings);
        return chaos.settings();
    }

    /** PENDING → SUCCEEDED (captured once) or DECLINED, guarded by the charge's status, then the webhook. */
    private SimulatedCharge finish(String chargeId, String outcome) {
        int changed = em.createNativeQuery("""
                UPDATE sim_charge SET status = ?1, captures = captures + CASE WHEN ?1 = 'SUCCEEDED' THEN 1 ELSE 0 END
                WHERE id = ?2 AND status = 'PENDING'""")
                .setParameter(1, outcome).setParameter(2, chargeId).executeUpdate();
        GatewayCharge charge = simulator.charge("id", chargeId);
        if (changed == 0) {
            throw ApiException.conflict("charge_not_pending", "Charge " + chargeId + " is already " + charge.status());
        }
        WebhookOutbox.enqueue(em, charge.status() == ChargeStatus.SUCCEEDED ? "charge.succeeded" : "charge.failed",
                chargeId, charge);
        return SimulatedCharge.of(charge);
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record SimulatedCharge(String id, ChargeStatus status, java.math.BigDecimal amount, String currency) {
        static SimulatedCharge of(GatewayCharge charge) {
            return new SimulatedCharge(charge.id(), charge.status(), charge.amount(), charge.currency());
        }
    }

}
