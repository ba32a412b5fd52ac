package io.exactsuite.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.common.metrics.AuditGauges;
import io.exactsuite.order.order.Completer;
import io.exactsuite.order.order.OrderChanges;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.PrometheusText;
import io.exactsuite.testing.Sql;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The invariant metrics order-service exports move when the thing they count happens, and only then. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class InvariantMetricsTests {

    @Inject
    AuditGauges audits;
    @Inject
    Completer completer;
    @Inject
    OrderChanges orders;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void shouldCountOversellRefused() {
        String product = OrdersApi.product("3.00", "USD", 1);
        double refused = PrometheusText.value("suite_problems_total", "code", "sold_out");
        OrdersApi.order(DevTokens.user("metrics-a"), OrdersApi.lines(OrdersApi.line(product, 1))).statusCode(201);

        OrdersApi.order(DevTokens.user("metrics-b"), OrdersApi.lines(OrdersApi.line(product, 1))).statusCode(409);

        assertThat(PrometheusText.value("suite_problems_total", "code", "sold_out", "status", "409")).isEqualTo(refused + 1);
    }

    @Test
    void shouldCountLatePaymentsHonouredAndRefunded() {
        double honoured = PrometheusText.value("orders_late_payments_total", "outcome", "honoured");
        double refunded = PrometheusText.value("orders_late_payments_total", "outcome", "refunded");
        String roomy = OrdersApi.product("3.00", "USD", 2);
        String scarce = OrdersApi.product("3.00", "USD", 1);
        String kept = lapsedOrder(roomy);
        String lost = lapsedOrder(scarce);
        String other = OrdersApi.order(DevTokens.user("metrics-f"), OrdersApi.lines(OrdersApi.line(scarce, 1)))
                .statusCode(201).extract().path("id");
        OrdersApi.paymentEvent(other, "evt-" + other, "SUCCEEDED", OrdersApi.key()).statusCode(200);

        OrdersApi.paymentEvent(kept, "evt-" + kept, "SUCCEEDED", OrdersApi.key()).statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PAID"));
        OrdersApi.paymentEvent(lost, "evt-" + lost, "SUCCEEDED", OrdersApi.key()).statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("EXPIRED"));

        assertThat(PrometheusText.value("orders_late_payments_total", "outcome", "honoured")).isEqualTo(honoured + 1);
        assertThat(PrometheusText.value("orders_late_payments_total", "outcome", "refunded")).isEqualTo(refunded + 1);
    }

    /** An order for one unit whose payment window passed and which expired, its stock released. */
    private String lapsedOrder(String product) {
        String id = OrdersApi.order(DevTokens.user("metrics-e"), OrdersApi.lines(OrdersApi.line(product, 1)))
                .statusCode(201).extract().path("id");
        changeOneRow("UPDATE customer_order SET expires_at = now() - interval '1 second' WHERE id = '" + id + "'");
        assertThat(orders.expire(UUID.fromString(id))).isTrue();
        return id;
    }

    @Test
    void shouldReportStockCountersThatDisagreeWithTheirOrderLines() {
        String product = OrdersApi.product("3.00", "USD", 5);
        OrdersApi.order(DevTokens.user("metrics-c"), OrdersApi.lines(OrdersApi.line(product, 2))).statusCode(201);
        long before = audits.runAll().get("product-stock"); // other tests plant inconsistencies too

        changeOneRow("UPDATE product SET reserved = reserved + 1 WHERE id = '" + product + "'");
        try {
            assertThat(audits.runAll()).containsEntry("product-stock", before + 1);
            assertThat(PrometheusText.value("suite_audit_inconsistencies", "check", "product-stock"))
                    .isEqualTo(before + 1);
        } finally {
            changeOneRow("UPDATE product SET reserved = reserved - 1 WHERE id = '" + product + "'");
        }
        assertThat(audits.runAll()).containsEntry("product-stock", before);
    }

    @Test
    void shouldReportAChangeLeftInFlightPastItsDueTime() {
        String product = OrdersApi.product("3.00", "USD", 5);
        String order = OrdersApi.order(DevTokens.user("metrics-d"), OrdersApi.lines(OrdersApi.line(product, 1)))
                .statusCode(201).extract().path("id");
        completer.refreshGauges();
        double before = PrometheusText.value("orders_saga_in_flight");

        changeOneRow("UPDATE customer_order SET transition = 'CANCEL', transition_due_at = now() - interval '10 minutes'"
                + " WHERE id = '" + order + "'");
        try {
            completer.refreshGauges();
            assertThat(PrometheusText.value("orders_saga_in_flight")).isEqualTo(before + 1);
            assertThat(PrometheusText.value("orders_saga_overdue_seconds")).isGreaterThanOrEqualTo(600);
        } finally {
            changeOneRow("UPDATE customer_order SET transition = NULL, transition_due_at = NULL"
                    + " WHERE id = '" + order + "'");
        }
    }

    private void changeOneRow(String statement) {
        assertThat(Sql.update(jdbcUrl, statement)).as(statement).isEqualTo(1);
    }
}
