package io.exactsuite.gatewaysim.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The webhook body: {@code {"id":"evt_..","type":"charge.succeeded","created":<unix s>,"data":{..}}}. */
@RegisterForReflection
@JsonPropertyOrder({ "id", "type", "created", "data" })
public record WebhookEvent(String id, String type, long created, Data data) {

    public static final String CHARGE_SUCCEEDED = "charge.succeeded";
    public static final String CHARGE_FAILED = "charge.failed";
    public static final String REFUND_SUCCEEDED = "refund.succeeded";
    public static final String REFUND_FAILED = "refund.failed";

    /** {@code refundId} appears on refund events only; {@code status} is the charge's or the refund's. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "chargeId", "refundId", "status" })
    public record Data(String chargeId, String refundId, String status) {
    }
}
