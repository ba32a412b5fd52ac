package io.exactsuite.points;

import static io.exactsuite.points.PointsApi.SERVICE;
import static io.exactsuite.points.PointsApi.accountWith;
import static io.exactsuite.points.PointsApi.assertConsistent;
import static io.exactsuite.points.PointsApi.balance;
import static io.exactsuite.points.PointsApi.entryCount;
import static io.exactsuite.points.PointsApi.key;
import static io.exactsuite.points.PointsApi.newOwner;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Durable business keys: a Business-Reference makes an effect happen at most once, however late the
 * replay and whatever its Idempotency-Key (new, or one whose record has expired).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class BusinessReferenceTests {

    private static final String REPLAYED = "Business-Replayed";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void shouldEarnOnceWhenTheSameReferenceComesWithANewIdempotencyKey() {
        String account = accountWith(newOwner(), 0);
        String reference = reference("loyalty");

        int first = earn(account, key(), reference, 40).statusCode(201).header(REPLAYED, (String) null)
                .body("reference", equalTo(reference)).extract().path("id");
        earn(account, key(), reference, 40).statusCode(200)
                .header(REPLAYED, "true").header("Idempotent-Replayed", (String) null)
                .body("id", equalTo(first)).body("type", equalTo("EARN")).body("points", equalTo(40))
                .body("balanceAfter", equalTo(40)).body("reference", equalTo(reference));

        assertThat(balance(account)).isEqualTo(40);
        assertThat(entryCount(account)).isEqualTo(1);
        assertConsistent(account);
    }

    @Test
    void shouldEarnOnceWhenReplayedAfterTheIdempotencyRecordsExpired() throws SQLException {
        String account = accountWith(newOwner(), 0);
        String reference = reference("loyalty");
        String key = key();
        int first = earn(account, key, reference, 25).statusCode(201).extract().path("id");

        forgetAllIdempotencyRecords(); // what the 24 h purge does to the record, weeks before the replay

        earn(account, key, reference, 25).statusCode(200).header(REPLAYED, "true")
                .header("Idempotent-Replayed", (String) null).body("id", equalTo(first));
        earn(account, key(), reference, 25).statusCode(200).header(REPLAYED, "true").body("id", equalTo(first));
        // The same key again is now an ordinary idempotent replay of that 200, still marked.
        earn(account, key, reference, 25).statusCode(200).header(REPLAYED, "true")
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));

        assertThat(balance(account)).isEqualTo(25);
        assertThat(entryCount(account)).isEqualTo(1);
        assertConsistent(account);
    }

    @Test
    void shouldSpendOnceWhenTwentySpendsWithOneReferenceAndDifferentKeysRace() {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        String token = DevTokens.user(owner);
        String reference = reference("capture");

        List<Reply> replies = Race.run(20, i -> () -> post("/accounts/" + account + "/spend", token, key(), reference,
                "{\"points\":30,\"reason\":\"race " + i + "\"}"));

        assertThat(SpendRaceTests.countBy(replies.stream().map(Reply::status).toList()))
                .isEqualTo(Map.of(201, 1L, 200, 19L));
        assertThat(replies).filteredOn(reply -> reply.status() == 200).allSatisfy(reply -> assertThat(reply.replayed()).isTrue());
        assertThat(replies.stream().map(reply -> entryId(reply.body())).distinct()).hasSize(1);
        assertThat(balance(account)).isEqualTo(70);
        assertThat(entryCount(account)).isEqualTo(2); // the setup earn + one spend
        assertConsistent(account);
    }

    @Test
    void shouldLetOneAccountWinWhenOneReferenceRacesAcrossAccounts() {
        String reference = reference("loyalty");
        List<String> accounts = java.util.stream.IntStream.range(0, 10).mapToObj(i -> accountWith(newOwner(), 0)).toList();

        List<Reply> replies = Race.run(accounts.size(), i -> () -> post("/accounts/" + accounts.get(i) + "/earn", SERVICE,
                key(), reference, "{\"points\":5,\"reason\":\"r\"}"));

        assertThat(SpendRaceTests.countBy(replies.stream().map(Reply::status).toList()))
                .isEqualTo(Map.of(201, 1L, 409, 9L));
        assertThat(replies).filteredOn(reply -> reply.status() == 409)
                .allSatisfy(reply -> assertThat(reply.body()).contains("\"code\":\"reference_conflict\""));
        assertThat(accounts.stream().mapToLong(PointsApi::balance).sum()).isEqualTo(5);
    }

    @Test
    void shouldRefuseAReferenceReusedForADifferentEffectAndWriteNothing() {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        String other = accountWith(newOwner(), 100);
        String reference = reference("spend");
        spend(owner, account, key(), reference, 10).statusCode(201);

        spend(owner, account, key(), reference, 11).statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("reference_conflict"));
        earn(account, key(), reference, 10).statusCode(409).body("code", equalTo("reference_conflict"));
        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).header("Business-Reference", reference)
                .contentType(ContentType.JSON).body("{\"points\":10,\"reason\":\"r\"}")
                .post("/accounts/{id}/spend", other).then().statusCode(409).body("code", equalTo("reference_conflict"));

        assertThat(balance(account)).isEqualTo(90);
        assertThat(entryCount(account)).isEqualTo(2);
        assertThat(balance(other)).isEqualTo(100);
        assertThat(entryCount(other)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "has space", "slash/in/it", "semi;colon", "quote\"d",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                    + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                    + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }) // 256 characters
    void shouldRejectAnInvalidReferenceAndWriteNothing(String reference) {
        String owner = newOwner();
        String account = accountWith(owner, 50);
        String key = key();

        spend(owner, account, key, reference, 5).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation_failed")).body("errors.field", hasItem("Business-Reference"));
        earn(account, key(), reference, 5).statusCode(400).body("code", equalTo("validation_failed"));

        assertThat(balance(account)).isEqualTo(50);
        assertThat(entryCount(account)).isEqualTo(1);
        // Nothing was remembered under the key either: the same key with a valid reference simply works.
        spend(owner, account, key, reference("ok"), 5).statusCode(201).header("Idempotent-Replayed", (String) null);
    }

    @Test
    void shouldAcceptTheLongestAndWidestValidReference() {
        String account = accountWith(newOwner(), 0);
        String reference = ("Az09:._-" + UUID.randomUUID().toString().replace("-", "")).repeat(8).substring(0, 255);
        earn(account, key(), reference, 1).statusCode(201).body("reference", equalTo(reference));
        earn(account, key(), reference, 1).statusCode(200).header(REPLAYED, "true");
        assertThat(balance(account)).isEqualTo(1);
    }

    @Test
    void shouldCaptureAHoldOnceUnderItsReference() {
        String owner = newOwner();
        String account = accountWith(owner, 50);
        String hold = placeHold(owner, account, 30);
        String reference = reference("capture");

        int first = capture(hold, key(), reference).statusCode(201).body("type", equalTo("CAPTURE"))
                .body("reference", equalTo(reference)).extract().path("id");
        capture(hold, key(), reference).statusCode(200).header(REPLAYED, "true")
                .body("id", equalTo(first)).body("holdId", equalTo(hold)).body("points", equalTo(-30));
        // Without the reference a second capture is still refused as before.
        capture(hold, key(), null).statusCode(409).body("code", equalTo("hold_not_active"));
        // The reference names this hold's capture, not another hold's.
        String otherHold = placeHold(owner, account, 10);
        capture(otherHold, key(), reference).statusCode(409).body("code", equalTo("reference_conflict"));

        PointsApi.account(account).body("balance", equalTo(20)).body("held", equalTo(10));
        assertThat(entryCount(account)).isEqualTo(2);
        assertConsistent(account);
    }

    @Test
    void shouldReverseOnceUnderTheReversalsReference() {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        int spend = spend(owner, account, key(), null, 40).statusCode(201).extract().path("id");
        String reference = reference("refund");

        int reversal = reverse(spend, key(), reference).statusCode(201).body("type", equalTo("REVERSAL"))
                .extract().path("id");
        reverse(spend, key(), reference).statusCode(200).header(REPLAYED, "true").body("id", equalTo(reversal))
                .body("reversesEntryId", equalTo(spend));
        reverse(spend, key(), reference("refund")).statusCode(409).body("code", equalTo("already_reversed"));

        assertThat(balance(account)).isEqualTo(100);
        assertThat(entryCount(account)).isEqualTo(3);
        assertConsistent(account);
    }

    private static String reference(String step) {
        return "order:" + UUID.randomUUID() + ":" + step;
    }

    private static RequestSpecification request(String token, String key, String reference) {
        RequestSpecification request = given().auth().oauth2(token).header("Idempotency-Key", key);
        return reference == null ? request : request.header("Business-Reference", reference);
    }

    private static ValidatableResponse earn(String account, String key, String reference, long points) {
        return request(SERVICE, key, reference).contentType(ContentType.JSON)
                .body("{\"points\":" + points + ",\"reason\":\"loyalty\"}").post("/accounts/{id}/earn", account).then();
    }

    private static ValidatableResponse spend(String owner, String account, String key, String reference, long points) {
        return request(DevTokens.user(owner), key, reference).contentType(ContentType.JSON)
                .body("{\"points\":" + points + ",\"reason\":\"r\"}").post("/accounts/{id}/spend", account).then();
    }

    private static ValidatableResponse capture(String hold, String key, String reference) {
        return request(SERVICE, key, reference).post("/holds/{id}/capture", hold).then();
    }

    private static ValidatableResponse reverse(int entry, String key, String reference) {
        return request(SERVICE, key, reference).post("/entries/{id}/reversal", entry).then();
    }

    private static String placeHold(String owner, String account, long points) {
        return given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"points\":" + points + ",\"ttlSeconds\":600}").post("/accounts/{id}/holds", account)
                .then().statusCode(201).extract().path("id");
    }

    /** Simulates the idempotency records' 24 h expiry and purge, straight on the test database. */
    private void forgetAllIdempotencyRecords() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            connection.createStatement().executeUpdate("DELETE FROM idempotency_record");
            ResultSet left = connection.createStatement().executeQuery("SELECT count(*) FROM idempotency_record");
            left.next();
            assertThat(left.getLong(1)).isZero();
        }
    }

    private static long entryId(String json) {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(json);
        assertThat(id.find()).as("entry id in %s", json).isTrue();
        return Long.parseLong(id.group(1));
    }

    /** A thread-safe POST carrying Business-Reference, for the races (RestAssured is for sequential calls). */
    private Reply post(String path, String token, String key, String reference, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .header("Business-Reference", reference)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue(REPLAYED).filter("true"::equals).isPresent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Reply(int status, String body, boolean replayed) {
    }
}
