package io.exactsuite.order.points;

import io.exactsuite.common.client.Reply;
import io.exactsuite.common.client.Upstream;
import io.exactsuite.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;

/**
 * The order's side of points-service: owns each step's Idempotency-Key (and business reference, which
 * points-service keeps unique on the ledger for ever), makes the call, and reads the answer by its
 * problem {@code code} into a {@link PointsResult}. Anything it cannot read as a result throws: 503
 * {@code dependency_unavailable} when points-service is down, 502 {@code dependency_refused} otherwise.
 */
@ApplicationScoped
public class PointsSteps {

    private static final String SERVICE = "points-service";

    @Inject
    PointsClient points;

    /** Holds the points with the customer's own token, so points-service itself checks the account is theirs. */
    public UUID hold(String customerToken, String holdKey, String orderNo, UUID accountId, long amount, Duration ttl) {
        Reply hold = Upstream.reach(SERVICE, () -> points.hold(customerToken, holdKey, accountId,
                amount, ttl.toSeconds(), "order " + orderNo));
        switch (hold.code()) {
            case "not_found" -> throw ApiException.unprocessable("points_account_not_found",
                    "Points account " + accountId + " is not yours or does not exist");
            case "insufficient_points" -> throw ApiException.conflict("insufficient_points",
                    "Not enough points available to redeem " + amount);
            case "hold_voided" -> throw ApiException.conflict("checkout_abandoned", "An earlier attempt of this "
                    + "checkout was abandoned after a failure; place the order again with a new Idempotency-Key");
            default -> {
                return UUID.fromString(ok(hold).text("id"));
            }
        }
    }

    /** Taken, or HoldLapsed when the hold was released or expired; a hold captured before answers its entry again. */
    public PointsResult capture(UUID orderId, UUID holdId) {
        Reply captured = Upstream.reach(SERVICE, () -> points.capture(key(orderId, "points-capture"), holdId));
        if (captured.ok()) {
            return new PointsResult.Taken(captured.body().path("id").asLong());
        }
        if (!"hold_not_active".equals(captured.code())) {
            throw refused(captured);
        }
        // Not active is not "gone": the hold may be captured already under this order's business reference.
        return switch (holdStatus(holdId)) {
            case "CAPTURED" -> new PointsResult.Taken(entryOfCapture(orderId, holdId));
            case "RELEASED", "EXPIRED" -> new PointsResult.HoldLapsed();
            default -> throw refused(captured);
        };
    }

    /** Takes the points directly (the hold lapsed): Taken, or Unavailable when the account no longer has them. */
    public PointsResult spend(UUID orderId, String orderNo, UUID accountId, long amount) {
        Reply spent = Upstream.reach(SERVICE, () -> points.spend(key(orderId, "points-spend"), accountId, amount,
                "order " + orderNo));
        if ("insufficient_points".equals(spent.code())) {
            return new PointsResult.Unavailable();
        }
        return new PointsResult.Taken(ok(spent).body().path("id").asLong());
    }

    /**
     * Released, or HoldAlreadyCaptured (with the entry that took the points) when an earlier attempt captured it.
     * The key is the placement's: an order placed again after an abandoned placement releases another hold, and
     * one key for both would be refused as reused for a different request.
     */
    public PointsResult release(UUID orderId, String holdKey, UUID holdId) {
        Reply released = Upstream.reach(SERVICE, () -> points.release(holdKey + ":release", holdId));
        if (released.ok()) {
            return new PointsResult.Released();
        }
        if (!"hold_not_active".equals(released.code())) {
            throw refused(released);
        }
        return switch (holdStatus(holdId)) {
            case "RELEASED", "EXPIRED" -> new PointsResult.Released();
            case "CAPTURED" -> new PointsResult.HoldAlreadyCaptured(entryOfCapture(orderId, holdId));
            default -> throw refused(released);
        };
    }

    /**
     * Gives the customer back the points entry {@code entry} took (a capture or a spend). The key names the
     * entry: an order can take points twice over its life (a capture given back on cancel, then a late
     * payment's spend), and each return must reach its own entry, not replay the first.
     */
    public PointsResult giveBack(UUID orderId, long entry) {
        Reply back = Upstream.reach(SERVICE, () -> points.reverse(key(orderId, "points-return:" + entry), entry));
        if (back.ok() || "already_reversed".equals(back.code())) {
            return new PointsResult.Reversed();
        }
        throw refused(back);
    }

    public PointsResult earn(UUID orderId, String orderNo, UUID accountId, long amount) {
        Reply credited = Upstream.reach(SERVICE, () -> points.earn(key(orderId, "loyalty"), accountId, amount,
                "loyalty for order " + orderNo));
        return new PointsResult.Credited(ok(credited).body().path("id").asLong());
    }

    /** Takes back loyalty points; NotReversed when the customer has spent them meanwhile. */
    public PointsResult takeBackLoyalty(UUID orderId, long entry) {
        Reply taken = Upstream.reach(SERVICE, () -> points.reverse(key(orderId, "loyalty-reversal"), entry));
        if (taken.ok() || "already_reversed".equals(taken.code())) {
            return new PointsResult.Reversed();
        }
        if ("insufficient_points".equals(taken.code())) {
            return new PointsResult.NotReversed("loyalty points already spent, not taken back");
        }
        throw refused(taken);
    }

    /**
     * For a checkout abandoned before it learnt whether its hold was placed: releases the hold placed under the
     * order's hold reference, or, when none was, voids the reference so that a hold request still on its way is
     * refused. Returns normally only when points-service answered; afterwards no hold of this order is out.
     */
    public void voidHold(String holdKey, UUID accountId) {
        ok(Upstream.reach(SERVICE, () -> points.voidHold(holdKey + ":void", holdKey, accountId)));
    }

    /**
     * The key of one placement's hold, sent as its Idempotency-Key and Business-Reference: the order's, plus a
     * placement of its own. Retries of a placement send the same key (it is recorded with the order); a retry
     * of the request after its placement was abandoned records the order anew, and may ask for a hold again
     * even though the abandoned placement's reference was voided.
     */
    public static String holdKey(UUID orderId) {
        return key(orderId, "points-hold:" + UUID.randomUUID());
    }

    /** The key orders placed before {@code points_hold_key} existed used for their hold. */
    public static String legacyHoldKey(UUID orderId) {
        return key(orderId, "points-hold");
    }

    private String holdStatus(UUID holdId) {
        return ok(Upstream.reach(SERVICE, () -> points.hold(holdId))).text("status");
    }

    /** The capture asked for again under its business reference: points-service answers the entry it made. */
    private long entryOfCapture(UUID orderId, UUID holdId) {
        return ok(Upstream.reach(SERVICE, () -> points.capture(key(orderId, "points-capture"), holdId))).body().path("id")
                .asLong();
    }

    private static Reply ok(Reply reply) {
        if (!reply.ok()) {
            throw refused(reply);
        }
        return reply;
    }

    private static ApiException refused(Reply reply) {
        return new ApiException(502, "dependency_refused", "Bad gateway",
                SERVICE + " refused a step of this order (" + reply.status() + " " + reply.code() + ")");
    }

    static String key(UUID orderId, String step) {
        return "order:" + orderId + ":" + step;
    }
}
