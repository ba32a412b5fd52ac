package io.exactsuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.exactsuite.order.OrdersApi.line;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While points-service is answering a checkout's hold, nothing of the product is locked: asked through
 * pg_locks and with FOR UPDATE NOWAIT by the stand-in itself, during the call. Fails on the old code,
 * which reserved and called inside one transaction and kept the product's row locked meanwhile.
 */
@QuarkusTest
@TestProfile(DependencyFailureTests.OwnBreakers.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class NoLockAcrossCallsTests {

    @jakarta.inject.Inject
    io.smallrye.faulttolerance.api.CircuitBreakerMaintenance breakers;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private HttpServer pointsDuringTheCall;
    private final List<String> seenDuringTheCall = new ArrayList<>();
    private volatile String product;
    private volatile String order;

    @BeforeEach
    void pointsServiceThatLooksAtTheLocksWhileItAnswers() throws IOException {
        DependencyStandIn.answerLikeTheRealServices();
        breakers.resetAll(); // an earlier test's outage must not leave a circuit open for this one
        pointsDuringTheCall = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pointsDuringTheCall.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            seenDuringTheCall.add(path.replaceAll(".*/", "") + ": " + locksOnTheProductAndOrder());
            String answer = path.endsWith("/capture") ? "{\"id\":101,\"type\":\"CAPTURE\"}"
                    : path.endsWith("/cancel") ? "{\"status\":\"CANCELLED\"}"
                    : "{\"id\":\"" + DependencyStandIn.HOLD_ID + "\",\"status\":\"HELD\"}";
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(path.endsWith("/cancel") ? 200 : 201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        pointsDuringTheCall.start();
        String lookingAtLocks = "http://127.0.0.1:" + pointsDuringTheCall.getAddress().getPort();
        for (String call : List.of("/points/accounts/[^/]+/holds", "/points/holds/[^/]+/capture", "/payment/payments/[^/]+/cancel")) {
            DependencyStandIn.server.stubFor(post(urlMatching(call)).atPriority(1).willReturn(aResponse().proxiedFrom(lookingAtLocks)));
        }
    }

    @AfterEach
    void stop() {
        pointsDuringTheCall.stop(0);
    }

    @Test
    void shouldHoldNoProductLockWhilePointsServiceAnswers() {
        product = OrdersApi.product("4.00", "USD", 5);

        given().auth().oauth2(DevTokens.user("alice")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body("{\"lines\":[" + line(product, 1) + "],\"pointsAccountId\":\""
                        + UUID.randomUUID() + "\",\"pointsToRedeem\":100}")
                .post("/orders").then().statusCode(201);

        assertThat(seenDuringTheCall).as("what the hold call saw of the product's locks").containsExactly("holds: none");
        assertThat(OrdersApi.product(product).getInt("reserved")).isEqualTo(1);
    }

    /**
     * Applying a payment (the capture) and cancelling (the payment's cancel) call out with neither the order's
     * row nor the product's locked. Fails on the code before the step journal, which made those calls inside
     * the transaction that held the order's row lock.
     */
    @Test
    void shouldHoldNoOrderOrProductLockWhileAPaymentOrACancelCallsOut() {
        product = OrdersApi.product("4.00", "USD", 5);
        String paid = placeWithPoints();
        OrdersApi.paymentEvent(paid, "evt-" + paid, "SUCCEEDED", UUID.randomUUID().toString()).statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PAID"));
        String cancelled = placeWithPoints();
        given().auth().oauth2(DevTokens.user("alice")).header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/orders/{id}/cancel", cancelled).then().statusCode(200);

        assertThat(seenDuringTheCall).as("what each call saw of the order's and the product's locks")
                .containsExactly("holds: none", "capture: none", "holds: none", "cancel: none");
    }

    private String placeWithPoints() {
        order = null;
        String id = given().auth().oauth2(DevTokens.user("alice")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body("{\"lines\":[" + line(product, 1) + "],\"pointsAccountId\":\""
                        + UUID.randomUUID() + "\",\"pointsToRedeem\":100}")
                .post("/orders").then().statusCode(201).extract().path("id");
        order = id;
        return id;
    }

    /** "none", or what was found: table locks held by other sessions, or a row lock that NOWAIT ran into. */
    private String locksOnTheProductAndOrder() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = connection.createStatement()) {
            List<String> found = new ArrayList<>();
            try (ResultSet locks = statement.executeQuery("""
                    SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                    WHERE c.relname IN ('product', 'product_date', 'customer_order') AND l.granted
                      AND l.pid <> pg_backend_pid()""")) {
                while (locks.next()) {
                    found.add(locks.getString(1) + " " + locks.getString(2));
                }
            }
            connection.setAutoCommit(false);
            try {
                statement.executeQuery("SELECT 1 FROM product WHERE id = '" + product + "' FOR UPDATE NOWAIT").close();
                if (order != null) {
                    statement.executeQuery("SELECT 1 FROM customer_order WHERE id = '" + order + "' FOR UPDATE NOWAIT").close();
                }
            } catch (SQLException e) {
                found.add("row locked (" + e.getSQLState() + ")");
            }
            connection.rollback();
            return found.isEmpty() ? "none" : String.join(", ", found);
        } catch (SQLException e) {
            return "could not look: " + e.getMessage();
        }
    }
}
