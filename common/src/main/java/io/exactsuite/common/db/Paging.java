package io.exactsuite.common.db;

/** Bounds every list endpoint shares. */
public final class Paging {

    /**
     * The highest page number a list accepts (a larger one is a 400). It keeps page × size far inside an
     * int, so no offset overflows; nobody pages a hundred thousand pages deep, they filter.
     */
    public static final int MAX_PAGE = 100_000;

    private Paging() {
    }
}
