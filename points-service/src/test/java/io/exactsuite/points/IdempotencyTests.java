package io.exactsuite.points;

import static io.exactsuite.points.PointsApi.accountWith;
import static io.exactsuite.points.PointsApi.balance;
import static io.exactsuite.points.PointsApi.entryCount;
import static io.exactsuite.points.PointsApi.key;
import static io.exactsuite.points.PointsApi.newOwner;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.common.idempotency.IdempotencyPurge;
import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.LockWaiters;
import io.exactsuite.testing.Http;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class IdempotencyTests {

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @Inject
    IdempotencyPurge purge;

    @Test
    void shouldApplyOneKeySentFiftyTimesConcurrentlyOnceWithIdenticalResponses() {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        String token = DevTokens.user(owner);
        String key = key();
        Http http = new Http(base.toString());

        List<Http.Reply> replies = Race.run(50, i -> () ->
                http.post("/accounts/" + account + "/spend", token, key, "{\"points\":7,\"reason\":\"once\"}"));

        assertThat(replies).extracting(Http.Reply::status).containsOnly(201);
        assertThat(replies).extracting(Http.Reply::body).containsOnly(replies.get(0).body());
        assertThat(replies).filteredOn(Http.Reply::isReplay).hasSize(49);
        assertThat(balance(account)).isEqualTo(93);
        assertThat(entryCount(account)).isEqualTo(2);
    }

    @Test
    void shouldRejectAKeyReusedForADifferentRequest() {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        String key = key();
        spend(owner, account, key, 5).statusCode(201);

        spend(owner, account, key, 6).statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("idempotency_key_reused"));
        assertThat(balance(account)).isEqualTo(95);
    }

    /**
     * A refusal about the state of things is the key's answer for good: its retry gets the same 409 even once the
     * points are there, and a new key spends them. Fails on the code before, which forgot the refusal, so the retry
     * spent (201): two copies of one request answered "refused" and "spent" (found by ./suite check).
     */
    @Test
    void shouldReplayARefusalEvenOnceThePointsAreThere() {
        String owner = newOwner();
        String account = accountWith(owner, 10);
        String key = key();
        spend(owner, account, key, 15).statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("insufficient_points"));

        PointsApi.earn(account, 5);

        spend(owner, account, key, 15).statusCode(409).contentType("application/problem+json")
                .header("Idempotent-Replayed", "true").body("code", equalTo("insufficient_points"));
        assertThat(balance(account)).isEqualTo(15);
        spend(owner, account, key(), 15).statusCode(201);
        assertThat(balance(account)).isZero();
    }

    /** A refusal of the request itself is not remembered: corrected, the same key runs it. */
    @Test
    void shouldNotRememberARequestRefusedForItsOwnFault() {
        String owner = newOwner();
        String account = accountWith(owner, 10);
        String key = key();
        spend(owner, account, key, 0).statusCode(400).body("code", equalTo("validation_failed"));

        spend(owner, account, key, 4).statusCode(201).header("Idempotent-Replayed", (String) null);
        assertThat(balance(account)).isEqualTo(6);
    }

    @Test
    void shouldScopeKeysToTheCaller() {
        String alice = newOwner();
        String bob = newOwner();
        String aliceAccount = accountWith(alice, 10);
        String bobAccount = accountWith(bob, 10);
        String sharedKey = key();

        spend(alice, aliceAccount, sharedKey, 1).statusCode(201).header("Idempotent-Replayed", (String) null);
        spend(bob, bobAccount, sharedKey, 1).statusCode(201).header("Idempotent-Replayed", (String) null);

        assertThat(balance(aliceAccount)).isEqualTo(9);
        assertThat(balance(bobAccount)).isEqualTo(9);
    }

    @Test
    void shouldMakeADuplicateWaitForTheFirstAndReplayItsResponse() throws Exception {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        String token = DevTokens.user(owner);
        String key = key();
        Http http = new Http(base.toString());

        CompletableFuture<Http.Reply> first;
        CompletableFuture<Http.Reply> duplicate;
        try (Connection blocker = lockAccountRow(account)) {
            first = CompletableFuture.supplyAsync(() ->
                    http.post("/accounts/" + account + "/spend", token, key, "{\"points\":3,\"reason\":\"r\"}"));
            LockWaiters.await(jdbcUrl, 1);
            duplicate = CompletableFuture.supplyAsync(() ->
                    http.post("/accounts/" + account + "/spend", token, key, "{\"points\":3,\"reason\":\"r\"}"));
            LockWaiters.await(jdbcUrl, 2);
            blocker.rollback();
        }

        Http.Reply original = first.get(30, TimeUnit.SECONDS);
        Http.Reply replay = duplicate.get(30, TimeUnit.SECONDS);
        assertThat(original.status()).isEqualTo(201);
        assertThat(original.isReplay()).isFalse();
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.isReplay()).isTrue();
        assertThat(replay.body()).isEqualTo(original.body());
        assertThat(balance(account)).isEqualTo(97);
    }

    @Test
    void shouldAnswerInFlightWhenTheFirstOutlastsTheWait() throws Exception {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        String token = DevTokens.user(owner);
        String key = key();
        Http http = new Http(base.toString());

        CompletableFuture<Http.Reply> first;
        Http.Reply duplicate;
        try (Connection blocker = lockAccountRow(account)) {
            first = CompletableFuture.supplyAsync(() ->
                    http.post("/accounts/" + account + "/spend", token, key, "{\"points\":3,\"reason\":\"r\"}"));
            LockWaiters.await(jdbcUrl, 1);
            duplicate = http.post("/accounts/" + account + "/spend", token, key, "{\"points\":3,\"reason\":\"r\"}");
            blocker.rollback();
        }

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body()).contains("\"code\":\"idempotency_key_in_flight\"");
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(balance(account)).isEqualTo(97);
        spend(owner, account, key, 3).statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void shouldForgetExpiredKeysAndPurgeThem() throws SQLException {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        String key = key();
        spend(owner, account, key, 5).statusCode(201);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement expire = connection.prepareStatement(
                        "UPDATE idempotency_record SET expires_at = now() - interval '1 second' WHERE idem_key = ?")) {
            expire.setString(1, key);
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }

        spend(owner, account, key, 6).statusCode(201).header("Idempotent-Replayed", (String) null);
        assertThat(balance(account)).isEqualTo(89);

        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            connection.createStatement().executeUpdate(
                    "UPDATE idempotency_record SET expires_at = now() - interval '1 second' WHERE idem_key = '" + key + "'");
            purge.purgeExpired();
            ResultSet left = connection.createStatement().executeQuery(
                    "SELECT count(*) FROM idempotency_record WHERE idem_key = '" + key + "'");
            left.next();
            assertThat(left.getLong(1)).isZero();
        }
    }

    private static io.restassured.response.ValidatableResponse spend(String owner, String account, String key, long points) {
        return given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"points\":" + points + ",\"reason\":\"r\"}").post("/accounts/{id}/spend", account).then();
    }

    /** An open transaction holding the account's row lock, standing in for a slow first request. */
    private Connection lockAccountRow(String account) throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("SELECT 1 FROM account WHERE id = ? FOR UPDATE")) {
            lock.setObject(1, UUID.fromString(account));
            lock.executeQuery();
        }
        return connection;
    }
}
