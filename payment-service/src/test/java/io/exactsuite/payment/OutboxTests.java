package io.exactsuite.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.exactsuite.payment.PaymentsApi.SERVICE;
import static io.exactsuite.payment.PaymentsApi.key;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.exactsuite.payment.outbox.OutboxDispatcher;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A success must reach its owner: exactly once, in order, through outages, with a visible dead letter. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class OutboxTests {

    @Inject
    OutboxDispatcher dispatcher;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void shouldDeliverExactlyOnceAndInOrderThroughOutagesAndResets() {
        JsonPath payment = PaymentsApi.create("20.00", "USD");
        String path = ownerPath(payment);
        OwnerStandIn.server.stubFor(post(urlEqualTo(path)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("resetting"));
        OwnerStandIn.server.stubFor(post(urlEqualTo(path)).inScenario("outage").whenScenarioStateIs("resetting")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("recovered"));
        OwnerStandIn.server.stubFor(post(urlEqualTo(path)).inScenario("outage").whenScenarioStateIs("recovered")
                .willReturn(ok()));

        PaymentsApi.completeAtGateway(payment);
        PaymentsApi.verify(payment);                                   // event 1: SUCCEEDED
        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"amount\":\"20.00\"}").post("/payments/{id}/refunds", payment.getString("id"))
                .then().statusCode(201);                               // event 2: REFUNDED

        awaitDispatched(() -> pending(payment) == 0);

        List<String> keysInArrivalOrder = requestsTo(path).stream()
                .map(event -> event.getRequest().getHeader("Idempotency-Key")).toList();
        String prefix = "payment:" + payment.getString("id") + ":event:";
        assertThat(keysInArrivalOrder).containsExactly(prefix + 1, prefix + 1, prefix + 1, prefix + 2);
        assertThat(acknowledgedKeys(path)).containsExactly(prefix + 1, prefix + 2);
        assertThat(requestsTo(path).get(3).getRequest().getBodyAsString()).contains("\"status\":\"REFUNDED\"");
    }

    @Test
    void shouldDeadLetterAfterMaxAttemptsAndDeliverOnAdminRetry() {
        JsonPath payment = PaymentsApi.succeeded("15.00", "EUR");
        String path = ownerPath(payment);
        OwnerStandIn.server.stubFor(post(urlEqualTo(path)).atPriority(1).willReturn(serverError()));

        awaitDispatched(() -> new PaymentsApi(jdbcUrl).count(
                "SELECT count(*) FROM outbox_event WHERE payment_id = ? AND status = 'DEAD'", paymentId(payment)) == 1);

        Number id = given().auth().oauth2(PaymentsApi.ADMIN).get("/outbox?status=DEAD").then().statusCode(200)
                .body("paymentId", hasItem(payment.getString("id"))).extract().jsonPath()
                .param("p", payment.getString("id")).get("find { it.paymentId == p }.id");
        assertThat(given().auth().oauth2(PaymentsApi.ADMIN).get("/outbox?status=DEAD").then().extract().jsonPath()
                .<Integer>getList("attempts")).contains(4);

        OwnerStandIn.server.stubFor(post(urlEqualTo(path)).atPriority(1).willReturn(ok()));
        given().auth().oauth2(PaymentsApi.ADMIN).header("Idempotency-Key", key()).post("/outbox/{id}/retry", id)
                .then().statusCode(200).body("status", equalTo("PENDING"));
        given().auth().oauth2(PaymentsApi.ADMIN).header("Idempotency-Key", key()).post("/outbox/{id}/retry", 999_999_999)
                .then().statusCode(404);

        awaitDispatched(() -> pending(payment) == 0);
        assertThat(acknowledgedKeys(path)).containsExactly("payment:" + payment.getString("id") + ":event:1");
    }

    @Test
    void shouldNeverDeliverARowTwiceWhenDispatchersRunConcurrently() {
        List<JsonPath> payments = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            JsonPath payment = PaymentsApi.succeeded("3.00", "USD");
            OwnerStandIn.server.stubFor(post(urlEqualTo(ownerPath(payment))).atPriority(1)
                    .willReturn(ok().withFixedDelay(20)));
            payments.add(payment);
        }

        Race.run(4, i -> () -> {
            while (dispatcher.dispatchDue() > 0) {
                // keep draining, as four replicas would
            }
            return null;
        });

        for (JsonPath payment : payments) {
            assertThat(pending(payment)).isZero();
            Map<String, Long> deliveries = requestsTo(ownerPath(payment)).stream().collect(Collectors.groupingBy(
                    event -> event.getRequest().getHeader("Idempotency-Key"), Collectors.counting()));
            assertThat(deliveries).isEqualTo(Map.of("payment:" + payment.getString("id") + ":event:1", 1L));
        }
    }

    /**
     * A poison event (a URL nothing can send to) among 100 good ones. On the old dispatcher it threw inside
     * the batch's one transaction: the batch rolled back, no attempt was counted, and every event behind it
     * stalled. Now it is one failed attempt of its own, and DEAD after max-attempts.
     */
    @Test
    void shouldDeliverAHundredEventsPastAPoisonOneAndDeadLetterIt() {
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        JsonPath poisoned = PaymentsApi.succeeded("1.00", "USD");
        db.update("UPDATE outbox_event SET target_url = 'http://bad host/ payment-events' WHERE payment_id = ?",
                paymentId(poisoned));
        List<JsonPath> good = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            good.add(PaymentsApi.succeeded("2.00", "USD"));
        }

        awaitDispatched(() -> good.stream().allMatch(payment -> pending(payment) == 0)
                && db.count("SELECT count(*) FROM outbox_event WHERE payment_id = ? AND status = 'DEAD'", paymentId(poisoned)) == 1);

        for (JsonPath payment : good) {
            assertThat(acknowledgedKeys(ownerPath(payment))).containsExactly("payment:" + payment.getString("id") + ":event:1");
        }
        assertThat(db.count("SELECT attempts FROM outbox_event WHERE payment_id = ?", paymentId(poisoned))).isEqualTo(4);
        assertThat(db.text("SELECT last_error FROM outbox_event WHERE payment_id = ?", paymentId(poisoned))).isNotBlank();
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("payment_outbox_dead_lettered_total"))
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*\\npayment_outbox_dead(\\{[^}]*\\})? [1-9].*"));
    }

    /** A receiver slower than the delivery timeout costs its own event one attempt and a backoff, nothing else. */
    @Test
    void shouldCountAnAttemptAndBackOffWhenTheReceiverSleepsPastTheTimeout() {
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        JsonPath slow = PaymentsApi.succeeded("3.00", "USD");
        JsonPath quick = PaymentsApi.succeeded("4.00", "USD");
        OwnerStandIn.server.stubFor(post(urlEqualTo(ownerPath(slow))).atPriority(1).willReturn(ok().withFixedDelay(2_500)));

        java.sql.Timestamp started = java.sql.Timestamp.valueOf(db.text("SELECT now()::timestamp"));
        dispatcher.dispatchDue();

        assertThat(pending(quick)).as("delivered in the same round, in parallel").isZero();
        assertThat(db.count("SELECT attempts FROM outbox_event WHERE payment_id = ?", paymentId(slow))).isEqualTo(1);
        assertThat(db.text("SELECT status FROM outbox_event WHERE payment_id = ?", paymentId(slow))).isEqualTo("PENDING");
        assertThat(db.text("SELECT last_error FROM outbox_event WHERE payment_id = ?", paymentId(slow))).containsIgnoringCase("timed out");
        assertThat(db.count("""
                SELECT count(*) FROM outbox_event WHERE payment_id = ?
                AND next_attempt_at > ?::timestamp + interval '1 second'
                AND next_attempt_at < ?::timestamp + interval '3 seconds'""", paymentId(slow), started, started))
                .as("backed off after the 1 s timeout was recorded, not merely left to its 3 s lease").isEqualTo(1);

        OwnerStandIn.server.stubFor(post(urlEqualTo(ownerPath(slow))).atPriority(1).willReturn(ok()));
        awaitDispatched(() -> pending(slow) == 0);
        assertThat(db.count("SELECT attempts FROM outbox_event WHERE payment_id = ?", paymentId(slow))).isGreaterThanOrEqualTo(2);
    }

    /** A dispatcher that claims and dies holds its rows for one lease; then another takes them, counting the attempt. */
    @Test
    void shouldLeaveAClaimedEventAloneUntilItsLeaseEndsThenDeliverItOnce() {
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        JsonPath payment = PaymentsApi.succeeded("5.00", "USD");
        assertThat(dispatcher.claim(500)).as("claimed by a dispatcher that then dies")
                .anyMatch(claimed -> claimed.paymentId().equals(paymentId(payment)));

        dispatcher.dispatchDue();
        assertThat(requestsTo(ownerPath(payment))).as("leased to the dead dispatcher").isEmpty();

        awaitDispatched(() -> pending(payment) == 0);
        assertThat(acknowledgedKeys(ownerPath(payment))).containsExactly("payment:" + payment.getString("id") + ":event:1");
        assertThat(db.count("SELECT attempts FROM outbox_event WHERE payment_id = ?", paymentId(payment))).isEqualTo(2);
    }

    /** Dead letters of money are retried on a slow schedule without anyone noticing a log line. */
    @Test
    void shouldRetryADeadLetterAutomaticallyOnTheSlowSchedule() {
        PaymentsApi db = new PaymentsApi(jdbcUrl);
        JsonPath payment = PaymentsApi.succeeded("6.00", "USD");
        String path = ownerPath(payment);
        OwnerStandIn.server.stubFor(post(urlEqualTo(path)).atPriority(1).willReturn(serverError()));
        awaitDispatched(() -> db.count("SELECT count(*) FROM outbox_event WHERE payment_id = ? AND status = 'DEAD'",
                paymentId(payment)) == 1);

        OwnerStandIn.server.stubFor(post(urlEqualTo(path)).atPriority(1).willReturn(ok()));
        awaitDispatched(() -> pending(payment) == 0);
        assertThat(db.text("SELECT status FROM outbox_event WHERE payment_id = ?", paymentId(payment))).isEqualTo("DELIVERED");
    }

    private void awaitDispatched(java.util.concurrent.Callable<Boolean> done) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            dispatcher.dispatchDue();
            return done.call();
        });
    }

    private long pending(JsonPath payment) {
        return new PaymentsApi(jdbcUrl).count(
                "SELECT count(*) FROM outbox_event WHERE payment_id = ? AND status <> 'DELIVERED'", paymentId(payment));
    }

    private static UUID paymentId(JsonPath payment) {
        return UUID.fromString(payment.getString("id"));
    }

    private static String ownerPath(JsonPath payment) {
        return "/voting-service/purchases/" + payment.getString("purposeId") + "/payment-events";
    }

    /** Requests the stand-in received at {@code path}, oldest first. */
    private static List<ServeEvent> requestsTo(String path) {
        List<ServeEvent> events = new ArrayList<>(OwnerStandIn.server.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals(path)).toList());
        events.sort(java.util.Comparator.comparing(event -> event.getRequest().getLoggedDate()));
        return events;
    }

    private static List<String> acknowledgedKeys(String path) {
        return requestsTo(path).stream()
                .filter(event -> event.getResponse().getStatus() == 200 && event.getResponseDefinition().getFault() == null)
                .map(event -> event.getRequest().getHeader("Idempotency-Key")).toList();
    }

}
