package io.exactsuite.payment.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the gateway sweep asks about a payment again, as plain arithmetic. */
class NextQuestionTests {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration AGAIN = Duration.ofMinutes(5);
    private static final Duration HORIZON = Duration.ofHours(48);

    @Test
    void shouldWaitAtLeastAgainWhileThePaymentIsYoung() {
        assertThat(GatewaySweep.nextQuestion(NOW.minus(Duration.ofMinutes(2)), NOW, AGAIN, HORIZON)).isEqualTo(NOW.plus(AGAIN));
    }

    @Test
    void shouldWaitAQuarterOfItsAgeOnceThatIsLonger() {
        assertThat(GatewaySweep.nextQuestion(NOW.minus(Duration.ofHours(4)), NOW, AGAIN, HORIZON))
                .isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void shouldStopAskingAtTheHorizon() {
        assertThat(GatewaySweep.nextQuestion(NOW.minus(HORIZON), NOW, AGAIN, HORIZON)).isNull();
        assertThat(GatewaySweep.nextQuestion(NOW.minus(HORIZON).plusSeconds(1), NOW, AGAIN, HORIZON))
                .isEqualTo(NOW.plus(HORIZON.minusSeconds(1).dividedBy(4)));
    }
}
