package io.exactsuite.voting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.SwaggerUi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Map;
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
            SwaggerUi.Answer created = ui.tryIt("POST", "/contests", Map.of("Idempotency-Key", name), "{\"name\":\"" + name + "\",\"opensAt\":\"2026-01-01T00:00:00Z\",\"closesAt\":\"2030-01-01T00:00:00Z\",\"pricePerVote\":\"0.50\",\"currency\":\"EUR\",\"contestants\":[{\"name\":\"Ada\"}]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = new ObjectMapper().readTree(created.body()).path("id").asText();

            SwaggerUi.Answer read = ui.tryIt("GET", "/contests/{id}", Map.of("id", id), null);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).contains(id).contains("Ada");
        }
    }
}
