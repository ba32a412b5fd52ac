package io.exactsuite.points;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.Sql;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A database failover seen from the service: every pooled connection is cut by the server (as a primary that goes
 * away does). The request that meets a dead connection is answered 503 database_unavailable with Retry-After, not
 * a 500, and the same request sent again with the same key is applied exactly once when the database answers.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class DatabaseOutageTests {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void shouldAnswer503WhileItsConnectionsAreCutAndApplyTheRetryOnce() {
        String owner = PointsApi.newOwner();
        String account = PointsApi.accountWith(owner, 50);
        String key = PointsApi.key();
        Sql.execute(jdbcUrl, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'");

        List<Integer> answers = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response answer = given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key)
                    .header("Business-Reference", key).contentType("application/json")
                    .body("{\"points\":20,\"reason\":\"after failover\"}").post("/accounts/{id}/spend", account);
            answers.add(answer.statusCode());
            if (answer.statusCode() == 503) {
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.jsonPath().getString("code")).isEqualTo("database_unavailable");
                assertThat(answer.header("Retry-After")).isEqualTo("5");
            } else if (answer.statusCode() != 201) {
                assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(409); // the key's first try still in flight
            }
            return answer.statusCode() == 201;
        });

        assertThat(answers).as("the first request met a cut connection").first().isEqualTo(503);
        assertThat(answers).doesNotContain(500);
        assertThat(PointsApi.balance(account)).isEqualTo(30);
        PointsApi.assertConsistent(account);
    }
}
