package io.exactsuite.points;

import static io.exactsuite.points.PointsApi.accountWith;
import static io.exactsuite.points.PointsApi.assertConsistent;
import static io.exactsuite.points.PointsApi.balance;
import static io.exactsuite.points.PointsApi.entryCount;
import static io.exactsuite.points.PointsApi.key;
import static io.exactsuite.points.PointsApi.newOwner;
import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.EmbeddedPostgresResource;
import io.exactsuite.testing.Http;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Seed 001: concurrent deductions must never lose an update or drive a balance negative. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class SpendRaceTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldSpendExactlyTheBalanceWhenTwoHundredSpendsRace() {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        String token = DevTokens.user(owner);
        Http http = new Http(base.toString());

        List<Integer> statuses = Race.run(200, i -> () -> http.post("/accounts/" + account + "/spend", token, key(),
                "{\"points\":1,\"reason\":\"race " + i + "\"}").status());

        assertThat(countBy(statuses)).isEqualTo(Map.of(201, 100L, 409, 100L));
        assertThat(balance(account)).isZero();
        assertThat(entryCount(account)).isEqualTo(101); // the earn + 100 spends
        assertConsistent(account);
    }

    @Test
    void shouldHoldExactlyTheBalanceWhenTwoHundredHoldsRace() {
        String owner = newOwner();
        String account = accountWith(owner, 100);
        String token = DevTokens.user(owner);
        Http http = new Http(base.toString());

        List<Integer> statuses = Race.run(200, i -> () -> http.post("/accounts/" + account + "/holds", token, key(),
                "{\"points\":1,\"ttlSeconds\":600}").status());

        assertThat(countBy(statuses)).isEqualTo(Map.of(201, 100L, 409, 100L));
        assertThat(PointsApi.account(account).extract().<Number>path("held").longValue()).isEqualTo(100);
        assertThat(PointsApi.account(account).extract().<Number>path("available").longValue()).isZero();
        assertThat(balance(account)).isEqualTo(100);
        assertConsistent(account);
    }

    @Test
    void shouldNeverOverdrawWhenSpendsAndHoldsRaceTogether() {
        String owner = newOwner();
        String account = accountWith(owner, 60);
        String token = DevTokens.user(owner);
        Http http = new Http(base.toString());

        List<Integer> statuses = Race.run(120, i -> () -> i % 2 == 0
                ? http.post("/accounts/" + account + "/spend", token, key(), "{\"points\":1,\"reason\":\"r\"}").status()
                : http.post("/accounts/" + account + "/holds", token, key(), "{\"points\":1,\"ttlSeconds\":600}").status());

        assertThat(countBy(statuses)).isEqualTo(Map.of(201, 60L, 409, 60L));
        long held = PointsApi.account(account).extract().<Number>path("held").longValue();
        long spent = 60 - balance(account);
        assertThat(held + spent).isEqualTo(60);
        assertThat(PointsApi.account(account).extract().<Number>path("available").longValue()).isZero();
        assertConsistent(account);
    }

    @Test
    void shouldOpenOneAccountWhenTwentyOpensForOneOwnerRace() {
        String owner = newOwner();
        String token = DevTokens.user(owner);
        Http http = new Http(base.toString());

        List<Http.Reply> replies = Race.run(20, i -> () ->
                http.post("/accounts", token, key(), "{\"ownerId\":\"" + owner + "\"}"));

        assertThat(countBy(replies.stream().map(Http.Reply::status).toList())).isEqualTo(Map.of(201, 1L, 409, 19L));
        assertThat(replies).filteredOn(reply -> reply.status() == 409)
                .allSatisfy(reply -> assertThat(reply.body()).contains("\"code\":\"account_exists\""));
    }

    static Map<Integer, Long> countBy(List<Integer> statuses) {
        return statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
