package io.exactsuite.points;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.SwaggerUi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A person in Swagger UI, in a real browser: authorize, open an account with "Try it out", read it back. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class SwaggerUiTests {

    @TestHTTPResource("/q/swagger-ui")
    URL swaggerUi;

    @Test
    void shouldOpenAnAccountAndReadItBackThroughTryItOut() throws Exception {
        String owner = "swagger-" + UUID.randomUUID();
        try (SwaggerUi ui = SwaggerUi.open(swaggerUi.toString())) {
            ui.authorize(DevTokens.user(owner));
            SwaggerUi.Answer read = ui.createThenRead("/accounts", "{\"ownerId\":\"" + owner + "\"}", "/accounts/{id}");
            assertThat(read.body()).contains(owner).contains("\"balance\": 0");
            String id = new ObjectMapper().readTree(read.body()).path("id").asText();
            PointsApi.account(id).statusCode(200).body("ownerId", org.hamcrest.Matchers.equalTo(owner));
        }
    }
}
