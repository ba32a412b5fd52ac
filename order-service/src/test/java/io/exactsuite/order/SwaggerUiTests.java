package io.exactsuite.order;

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
@WithTestResource(DependencyStandIn.class)
class SwaggerUiTests {

    @TestHTTPResource("/q/swagger-ui")
    URL swaggerUi;

    @Test
    void shouldCreateAndReadBackThroughTryItOut() throws Exception {
        String name = "swagger-" + UUID.randomUUID();
        try (SwaggerUi ui = SwaggerUi.open(swaggerUi.toString())) {
            ui.authorize(OrdersApi.ADMIN);
            SwaggerUi.Answer read = ui.createThenRead("/products",
                    "{\"sku\":\"" + name + "\",\"kind\":\"TICKET\",\"name\":\"Swagger tour\",\"price\":\"49.00\","
                            + "\"currency\":\"EUR\",\"capacity\":20}",
                    "/products/{id}");
            assertThat(read.body()).contains("Swagger tour");
        }
    }
}
