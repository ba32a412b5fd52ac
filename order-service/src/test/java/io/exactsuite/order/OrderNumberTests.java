package io.exactsuite.order;

import static io.exactsuite.order.OrdersApi.line;
import static io.exactsuite.order.OrdersApi.lines;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With one random character there are only 32 numbers a day: collisions are certain, duplicates must never be. */
@QuarkusTest
@TestProfile(OrderNumberTests.OneRandomCharacter.class)
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(DependencyStandIn.class)
class OrderNumberTests {

    public static class OneRandomCharacter implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("orders.number-random-length", "1");
        }
    }

    @Test
    void shouldDrawAgainOnCollisionAndNeverRepeatANumber() {
        String product = OrdersApi.product("1.00", "USD", 100);
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            numbers.add(OrdersApi.order(DevTokens.user("buyer"), lines(line(product, 1))).statusCode(201)
                    .extract().<String>path("orderNo"));
        }

        assertThat(numbers).hasSize(24).allMatch(number -> number.matches("ORD-\\d{8}-[0-9A-HJKMNP-TV-Z]"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double collisions = metrics.lines().filter(line -> line.startsWith("orders_number_collisions_total"))
                .map(line -> line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line) // drop an exemplar
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertThat(collisions).as("24 draws from 32 numbers collide").isPositive();
    }
}
