package io.exactsuite.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.SwaggerUi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real browser: voting-service's token creates a payment through Swagger UI's "Try it out", the payer
 * clicks Pay on the gateway simulator's checkout page, and the payment reads SUCCEEDED through Swagger UI.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OwnerStandIn.class)
@WithTestResource(GatewaySimulatorResource.class)
class SwaggerUiTests {

    @TestHTTPResource("/q/swagger-ui")
    URL swaggerUi;

    @Test
    void shouldCreateAPaymentPayItByClickingAndReadItBack() throws Exception {
        try (SwaggerUi ui = SwaggerUi.open(swaggerUi.toString())) {
            ui.authorize(PaymentsApi.SERVICE);
            SwaggerUi.Answer created = ui.tryIt("POST", "/payments", Map.of("Idempotency-Key", "swagger-" + UUID.randomUUID()),
                    "{\"purpose\":\"VOTES\",\"purposeId\":\"" + UUID.randomUUID() + "\",\"payerId\":\"alice\","
                            + "\"amount\":\"12.50\",\"currency\":\"USD\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode payment = new ObjectMapper().readTree(created.body());
            String id = payment.path("id").asText();

            String swaggerPage = ui.browser().getCurrentUrl();
            ui.browser().get(payment.path("checkoutUrl").asText());
            new WebDriverWait(ui.browser(), Duration.ofSeconds(30))
                    .until(ExpectedConditions.elementToBeClickable(By.id("pay"))).click();
            new WebDriverWait(ui.browser(), Duration.ofSeconds(30))
                    .until(ExpectedConditions.textToBe(By.id("status"), "success"));

            await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(PaymentsApi.get(id).getString("status")));
            ui.browser().get(swaggerPage);
            ui.authorize(PaymentsApi.SERVICE); // Swagger UI keeps the authorization across the reload; nothing to do then
            SwaggerUi.Answer read = ui.tryIt("GET", "/payments/{id}", Map.of("id", id), null);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).contains("\"status\": \"SUCCEEDED\"").contains("\"amount\": \"12.50\"");
        }
    }
}
