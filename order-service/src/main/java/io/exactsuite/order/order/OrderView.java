package io.exactsuite.order.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(UUID id, String orderNo, OrderStatus status, String customerId, List<LineView> lines,
        BigDecimal total, long pointsRedeemed, BigDecimal amountDue, String currency, UUID paymentId,
        String paymentReference, String checkoutUrl, Instant expiresAt, String note,
        @Schema(description = "The change in flight, when the order is between the steps of one (it completes on its own)")
        Transition transition, Instant createdAt, Instant updatedAt) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineView(UUID productId, int quantity, LocalDate date, LocalDate checkIn, LocalDate checkOut,
            BigDecimal unitPrice, BigDecimal subtotal) {
    }

    public static OrderView of(Order order) {
        List<LineView> lines = order.lines.stream().map(line -> new LineView(line.productId, line.quantity, line.day,
                line.checkIn, line.checkOut, order.money(line.unitPrice).amount(), order.money(line.subtotal).amount()))
                .toList();
        return new OrderView(order.id, order.orderNo, order.status, order.customerId, lines, order.total().amount(),
                order.pointsRedeemed, order.amountDue().amount(), order.currency, order.paymentId, order.paymentReference,
                order.checkoutUrl, order.expiresAt, order.note, order.transition == Transition.PLACE ? null : order.transition,
                order.createdAt, order.updatedAt);
    }
}
