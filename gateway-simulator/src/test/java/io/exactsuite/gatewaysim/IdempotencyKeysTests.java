package io.exactsuite.gatewaysim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exactsuite.gatewaysim.api.ApiException;
import io.exactsuite.gatewaysim.idempotency.Fingerprint;
import io.exactsuite.gatewaysim.idempotency.IdempotencyKeys;
import io.exactsuite.gatewaysim.money.Money;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTests {

    private static Fingerprint charge(String reference, String amount, String currency) {
        Money money = Money.parse(amount, currency);
        return Fingerprint.of(reference, money.wire(), money.currency().getCurrencyCode());
    }

    @Test
    void the_same_ask_written_differently_has_the_same_fingerprint() {
        assertThat(charge("pay_1", "12.5", "USD")).isEqualTo(charge("pay_1", "12.50", "USD"));
        assertThat(charge("pay_1", "12", "USD")).isEqualTo(charge("pay_1", "12.00", "USD"));
    }

    @Test
    void any_difference_in_reference_amount_or_currency_is_another_fingerprint() {
        Fingerprint base = charge("pay_1", "12.50", "USD");
        assertThat(charge("pay_2", "12.50", "USD")).isNotEqualTo(base);
        assertThat(charge("pay_1", "12.51", "USD")).isNotEqualTo(base);
        assertThat(charge("pay_1", "12.50", "EUR")).isNotEqualTo(base);
    }

    @Test
    void creates_once_replays_the_same_result_and_refuses_another_body() {
        IdempotencyKeys<String> keys = new IdempotencyKeys<>();
        AtomicInteger created = new AtomicInteger();
        Fingerprint ask = charge("pay_1", "12.50", "USD");

        IdempotencyKeys.Outcome<String> first = keys.once("k1", ask, () -> "ch_" + created.incrementAndGet());
        IdempotencyKeys.Outcome<String> replay = keys.once("k1", charge("pay_1", "12.5", "USD"), () -> "ch_" + created.incrementAndGet());

        assertThat(first.replayed()).isFalse();
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.result()).isEqualTo(first.result()).isEqualTo("ch_1");
        assertThatThrownBy(() -> keys.once("k1", charge("pay_1", "99.00", "USD"), () -> "ch_" + created.incrementAndGet()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("idempotency_key_reused");
                });
        assertThat(created).hasValue(1);
    }

    @Test
    void a_failed_creation_leaves_the_key_free() {
        IdempotencyKeys<String> keys = new IdempotencyKeys<>();
        Fingerprint ask = charge("pay_1", "12.50", "USD");
        assertThatThrownBy(() -> keys.once("k1", ask, () -> {
            throw ApiException.badRequest("charge_not_captured", "not yet");
        })).isInstanceOf(ApiException.class);

        assertThat(keys.once("k1", ask, () -> "ch_ok").result()).isEqualTo("ch_ok");
    }

    @Test
    void a_missing_key_is_its_own_error() {
        assertThatThrownBy(() -> IdempotencyKeys.require(" "))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("idempotency_key_missing"));
    }
}
