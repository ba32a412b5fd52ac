package io.exactsuite.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Map;

/**
 * A W3C {@code traceparent} kept in a row, so work done later by a job (an outbox delivery) continues the trace of
 * the request that caused it: one trace from POST /orders to the order marked PAID. REST clients and servers carry
 * the header themselves; this is for the hops that pass through the database.
 */
public final class TraceParent {

    private static final String HEADER = "traceparent";
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceParent() {
    }

    /** The current span as a traceparent value, or null when there is none (tracing off, or no request). */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** A context whose parent is the stored traceparent; the root context when it is null or malformed. */
    public static Context parentOf(String traceParent) {
        if (traceParent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, traceParent), MAP);
    }

    /** The current context's trace headers, to add to a request the HTTP client does not instrument. */
    public static Map<String, String> headers() {
        Map<String, String> headers = new java.util.HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
        return headers;
    }

    /** The field names a W3C trace context uses. */
    public static List<String> fields() {
        return List.copyOf(W3CTraceContextPropagator.getInstance().fields());
    }
}
