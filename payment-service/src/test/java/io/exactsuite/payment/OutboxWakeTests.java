package io.exactsuite.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An event is delivered as soon as the transaction that recorded it commits, not at the next scheduled
 * dispatch. The schedule here runs once an hour, so only the wake-up can deliver within the wait; fails
 * on the code before, which delivered on the schedule alone.
 */
@QuarkusTest
@TestProfile(OutboxWakeTests.HourlyDispatch.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class OutboxWakeTests {

    public static class HourlyDispatch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("payment.outbox.dispatch-every", "1h");
        }
    }

    @Test
    void shouldDeliverAnEventAsSoonAsItCommits() {
        JsonPath payment = PaymentsApi.create("12.00", "USD");
        String path = "/voting-service/purchases/" + payment.getString("purposeId") + "/payment-events";

        PaymentsApi.completeAtGateway(payment); // the simulator's webhook records the SUCCEEDED event

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> OwnerStandIn.server.getAllServeEvents().stream()
                .anyMatch(event -> event.getRequest().getUrl().equals(path)));
        assertThat(OwnerStandIn.server.getAllServeEvents().stream().filter(event -> event.getRequest().getUrl().equals(path))
                .map(event -> event.getRequest().getBodyAsString())).singleElement().asString().contains("\"status\":\"SUCCEEDED\"");
    }
}
