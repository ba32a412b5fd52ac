package io.exactsuite.voting;

import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.SwaggerUi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An admin in Swagger UI, in a real browser: authorize, create with "Try it out", read it back. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(PaymentStandIn.class)
class SwaggerUiTests {

    @TestHTTPResource("/q/swagger-ui")
    URL swaggerUi;

    @Test
    void shouldCreateAndReadBackThroughTryItOut() throws Exception {
        String name = "swagger-" + UUID.randomUUID();
        try (SwaggerUi ui = SwaggerUi.open(swaggerUi.toString())) {
            ui.authorize(VotingApi.ADMIN);
            SwaggerUi.Answer read = ui.createThenRead("/contests",
                    "{\"name\":\"" + name + "\",\"opensAt\":\"2026-01-01T00:00:00Z\",\"closesAt\":\"2030-01-01T00:00:00Z\","
                            + "\"pricePerVote\":\"0.50\",\"currency\":\"EUR\",\"contestants\":[{\"name\":\"Ada\"}]}",
                    "/contests/{id}");
            assertThat(read.body()).contains("Ada");
        }
    }
}
