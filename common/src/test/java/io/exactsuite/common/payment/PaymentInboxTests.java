package io.exactsuite.common.payment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exactsuite.common.client.PaymentEvent;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The owner column becomes SQL text: anything but a plain identifier is refused before a statement is built. */
class PaymentInboxTests {

    private final PaymentEvent event = new PaymentEvent(UUID.randomUUID(), "payment:x:event:1",
            PaymentEvent.Status.SUCCEEDED, null, null, null, null, null, null, null, null, null);

    @ParameterizedTest
    @ValueSource(strings = { "", "Purchase_id", "purchase_id, status", "purchase_id; DROP TABLE payment_event", "_id",
            "order-id", "id\"" })
    void shouldRefuseAnOwnerColumnThatIsNotAPlainIdentifier(String column) {
        // No EntityManager is needed: the column is checked before any statement exists.
        assertThatThrownBy(() -> PaymentInbox.firstDelivery(null, column, UUID.randomUUID(), event))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAMissingOwnerColumn() {
        assertThatThrownBy(() -> PaymentInbox.firstDelivery(null, null, UUID.randomUUID(), event))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
