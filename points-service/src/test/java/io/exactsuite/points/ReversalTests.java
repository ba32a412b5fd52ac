package io.exactsuite.points;

import static io.exactsuite.points.PointsApi.SERVICE;
import static io.exactsuite.points.PointsApi.accountWith;
import static io.exactsuite.points.PointsApi.assertConsistent;
import static io.exactsuite.points.PointsApi.balance;
import static io.exactsuite.points.PointsApi.key;
import static io.exactsuite.points.PointsApi.newOwner;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.Http;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ReversalTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldReverseASpendOnceEvenWhenReversalsRace() {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        int spend = spend(owner, account, 40);
        Http http = new Http(base.toString());

        List<Integer> statuses = Race.run(20, i -> () ->
                http.post("/entries/" + spend + "/reversal", SERVICE, key(), null).status());

        assertThat(SpendRaceTests.countBy(statuses)).isEqualTo(Map.of(201, 1L, 409, 19L));
        assertThat(balance(account)).isEqualTo(100);
        assertConsistent(account);
    }

    @Test
    void shouldRefuseToReverseAnEarnWhosePointsAreAlreadyGone() {
        String owner = newOwner();
        String account = accountWith(owner, 0);
        int earn = given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"points\":30,\"reason\":\"order paid\"}").post("/accounts/{id}/earn", account)
                .then().statusCode(201).extract().path("id");
        spend(owner, account, 20);

        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).post("/entries/{id}/reversal", earn)
                .then().statusCode(409).body("code", equalTo("insufficient_points"));

        assertThat(balance(account)).isEqualTo(10);
        assertConsistent(account);
    }

    @Test
    void shouldRefuseToReverseAReversal() {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        int spend = spend(owner, account, 10);
        int reversal = given().auth().oauth2(SERVICE).header("Idempotency-Key", key())
                .post("/entries/{id}/reversal", spend).then().statusCode(201)
                .body("type", equalTo("REVERSAL")).body("points", equalTo(10)).body("reversesEntryId", equalTo(spend))
                .extract().path("id");

        given().auth().oauth2(SERVICE).header("Idempotency-Key", key()).post("/entries/{id}/reversal", reversal)
                .then().statusCode(409).body("code", equalTo("not_reversible"));
        assertThat(balance(account)).isEqualTo(100);
        assertConsistent(account);
    }

    @Test
    void shouldNotLetAUserReverseEntries() {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        int spend = spend(owner, account, 10);

        given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key())
                .post("/entries/{id}/reversal", spend).then().statusCode(403).body("code", equalTo("forbidden"));
        assertThat(balance(account)).isEqualTo(90);
    }

    static int spend(String owner, String account, long points) {
        return given().auth().oauth2(DevTokens.user(owner)).header("Idempotency-Key", key())
                .contentType(ContentType.JSON).body("{\"points\":" + points + ",\"reason\":\"purchase\"}")
                .post("/accounts/{id}/spend", account).then().statusCode(201).extract().path("id");
    }
}
