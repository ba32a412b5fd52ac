package io.exactsuite.order.catalog;

public enum ProductKind {
    ROUTE,
    HOTEL_ROOM,
    TICKET
}
