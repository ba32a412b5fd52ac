package io.exactsuite.voting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While payment-service answers a voter's verify, voting-service holds no transaction (and so no pooled
 * connection, no row lock): payment-service's stand-in asks PostgreSQL itself, during the call, whether a
 * session of this database has been idle in a transaction meanwhile. Fails on the old code, which
 * called payment-service inside the verify's idempotent transaction.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(PaymentStandIn.class)
class NoTransactionAcrossCallsTests {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private HttpServer paymentDuringTheCall;
    private final List<Long> seenDuringTheCall = new ArrayList<>();

    @BeforeEach
    void paymentServiceThatLooksAtOurSessionsWhileItAnswers() throws IOException {
        PaymentStandIn.answerLikePaymentService();
        paymentDuringTheCall = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        paymentDuringTheCall.createContext("/", exchange -> {
            LockSupport.parkNanos(600_000_000L); // long enough for a transaction left open to show
            seenDuringTheCall.add(sessionsIdleInTransaction());
            byte[] body = ("{\"id\":\"" + PaymentStandIn.PAYMENT_ID + "\",\"reference\":\"pay_STANDIN\",\"status\":\"PENDING\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        paymentDuringTheCall.start();
        PaymentStandIn.server.stubFor(post(urlMatching("/payment/payments/[^/]+/verify")).atPriority(1)
                .willReturn(aResponse().proxiedFrom("http://127.0.0.1:" + paymentDuringTheCall.getAddress().getPort())));
    }

    @AfterEach
    void stop() {
        paymentDuringTheCall.stop(0);
    }

    @Test
    void shouldHoldNoTransactionWhilePaymentServiceAnswersAVerify() {
        String voter = DevTokens.user("voter");
        var contest = VotingApi.contest("0.10", "USD", 1);
        String purchase = VotingApi.buy(voter, contest.getString("id"), contest.getString("contestants[0].id"), 2)
                .statusCode(201).extract().path("id");

        VotingApi.verify(voter, purchase).statusCode(200);

        assertThat(seenDuringTheCall).as("sessions idle in a transaction for 300 ms or more, seen during the call")
                .containsExactly(0L);
    }

    private long sessionsIdleInTransaction() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                ResultSet row = connection.createStatement().executeQuery("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid()
                          AND state LIKE 'idle in transaction%' AND state_change < now() - interval '300 milliseconds'""")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
