package io.exactsuite.voting;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.OperationsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(PaymentStandIn.class)
class OperationsTests extends OperationsContract {
}
