package io.exactsuite.order;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

@QuarkusTest
@TestProfile(OptimisticInventoryRaceTests.Strategy.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class OptimisticInventoryRaceTests extends InventoryRaceContract {

    public static class Strategy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("orders.inventory.locking", "optimistic",
                    // Under a 100-request stampede on one row most optimistic attempts lose; give them room.
                    "suite.transactions.max-attempts", "60",
                    "suite.transactions.max-backoff", "PT0.2S");
        }
    }
}
