package io.exactsuite.common.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exactsuite.common.json.StrictJson;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The event payment-service writes is the event its owners read, through the same strict mapper
 * (unknown properties refused): a derived getter on the record once leaked into the JSON as an
 * unknown property and every owner answered 400.
 */
class PaymentEventTests {

    private final ObjectMapper json = strictMapper();

    @Test
    void shouldRoundTripThroughTheStrictMapperWithEveryField() throws Exception {
        PaymentEvent event = new PaymentEvent(UUID.randomUUID(), "payment:x:event:2", PaymentEvent.Status.PARTIALLY_REFUNDED,
                new BigDecimal("12.50"), "EUR", new BigDecimal("2.50"), "VOTES", UUID.randomUUID().toString(), "pay_X",
                Boolean.TRUE, UUID.randomUUID(), new BigDecimal("2.50"));

        String written = json.writeValueAsString(event);

        assertThat(json.readValue(written, PaymentEvent.class)).isEqualTo(event);
        assertThat(json.readTree(written).properties()).hasSize(12);
        assertThat(written).contains("\"amount\":\"12.50\"");
    }

    @Test
    void shouldReadEveryStatusTheOutboxSends() throws Exception {
        for (PaymentEvent.Status status : PaymentEvent.Status.values()) {
            String body = "{\"paymentId\":\"" + UUID.randomUUID() + "\",\"eventId\":\"e\",\"status\":\"" + status + "\"}";
            assertThat(json.readValue(body, PaymentEvent.class).status()).isEqualTo(status);
        }
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }
}
