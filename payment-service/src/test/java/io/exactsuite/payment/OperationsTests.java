package io.exactsuite.payment;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.OperationsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class OperationsTests extends OperationsContract {
}
