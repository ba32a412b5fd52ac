package io.exactsuite.order;

import static io.exactsuite.order.OrdersApi.line;
import static io.exactsuite.order.OrdersApi.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.exactsuite.testing.DevTokens;
import io.exactsuite.testing.Http;
import io.exactsuite.testing.Race;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.Map;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Seeds 002 and 004: the last slot, the last room-night, sold exactly once under a stampede. Every
 * locking strategy runs this same contract (one subclass per strategy).
 */
abstract class InventoryRaceContract {

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldSellExactlyTheCapacityWhenAHundredOrdersRace() {
        String product = OrdersApi.product("25.00", "USD", 10);
        Http http = new Http(base.toString());

        List<Http.Reply> replies = Race.run(100, i -> () ->
                http.post("/orders", DevTokens.user("racer-" + i), OrdersApi.key(), lines(line(product, 1))));

        assertThat(countBy(replies)).isEqualTo(Map.of(201, 10L, 409, 90L));
        assertThat(replies).filteredOn(reply -> reply.status() == 409)
                .allSatisfy(reply -> assertThat(reply.body()).containsAnyOf("\"code\":\"sold_out\"", "\"code\":\"contention\""));
        JsonPath after = OrdersApi.product(product);
        assertThat(after.getInt("reserved")).isEqualTo(10);
        assertThat(after.getInt("available")).isZero();
        assertThat(OrdersApi.audit(product).getBoolean("consistent")).isTrue();
    }

    @Test
    void shouldSellOneRoomNightOnceAcrossOverlappingStays() {
        String room = OrdersApi.room("80.00", 10, "2027-03-01");
        setNights(room, 100, "2027-02-27", "2027-02-28", "2027-03-02");
        String[][] stays = { { "2027-02-28", "2027-03-02" }, { "2027-03-01", "2027-03-03" }, { "2027-02-27", "2027-03-02" } };
        Http http = new Http(base.toString());

        List<Http.Reply> replies = Race.run(40, i -> () -> http.post("/orders", DevTokens.user("guest-" + i), OrdersApi.key(),
                lines("{\"productId\":\"" + room + "\",\"quantity\":1,\"checkIn\":\"" + stays[i % 3][0]
                        + "\",\"checkOut\":\"" + stays[i % 3][1] + "\"}")));

        assertThat(countBy(replies)).isEqualTo(Map.of(201, 10L, 409, 30L));
        assertThat(date(room, "2027-03-01").getInt("reserved")).isEqualTo(10);
        assertThat(OrdersApi.audit(room).getBoolean("consistent")).isTrue();
    }

    @Test
    void shouldResolveOrdersLockingProductsInOppositeLineOrderWithoutPartialReservations() {
        String scarce = OrdersApi.product("5.00", "USD", 10);
        String plenty = OrdersApi.product("7.00", "USD", 1_000);
        Http http = new Http(base.toString());

        List<Http.Reply> replies = Race.run(40, i -> () -> http.post("/orders", DevTokens.user("buyer-" + i), OrdersApi.key(),
                i % 2 == 0 ? lines(line(scarce, 1), line(plenty, 1)) : lines(line(plenty, 1), line(scarce, 1))));

        assertThat(countBy(replies)).isEqualTo(Map.of(201, 10L, 409, 30L));
        assertThat(OrdersApi.product(scarce).getInt("reserved")).isEqualTo(10);
        assertThat(OrdersApi.product(plenty).getInt("reserved")).as("no partial reservation survives").isEqualTo(10);
        assertThat(OrdersApi.audit(scarce).getBoolean("consistent")).isTrue();
        assertThat(OrdersApi.audit(plenty).getBoolean("consistent")).isTrue();
    }

    private static void setNights(String room, int capacity, String... nights) {
        for (String night : nights) {
            io.restassured.RestAssured.given().auth().oauth2(OrdersApi.ADMIN).contentType("application/json")
                    .body("{\"capacity\":" + capacity + "}").put("/products/{id}/dates/{date}", room, night)
                    .then().statusCode(200);
        }
    }

    private static JsonPath date(String product, String day) {
        return io.restassured.RestAssured.given().auth().oauth2(OrdersApi.ADMIN)
                .get("/products/{id}/dates/{date}", product, day).then().statusCode(200).extract().jsonPath();
    }

    static Map<Integer, Long> countBy(List<Http.Reply> replies) {
        return replies.stream().collect(Collectors.groupingBy(Http.Reply::status, Collectors.counting()));
    }

}
