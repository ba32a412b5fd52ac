package io.exactsuite.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The verdict of one invariant over the history.
 *
 * @param checked how many things (operations, keys, accounts...) the invariant looked at, so a PASS over
 *                nothing is visible as such
 */
public record InvariantResult(String name, String description, boolean passed, List<String> counterexamples,
        long checked) {

    /** Beyond this the report stops being readable; the rest is summarised in one line. */
    public static final int MAX_COUNTEREXAMPLES = 20;

    public InvariantResult {
        Objects.requireNonNull(name, "name");
        counterexamples = counterexamples == null ? List.of() : List.copyOf(counterexamples);
    }

    public static InvariantResult pass(String name, String description, long checked) {
        return new InvariantResult(name, description, true, List.of(), checked);
    }

    /** Keeps the first {@value #MAX_COUNTEREXAMPLES} counterexamples plus a "... and N more" line. */
    public static InvariantResult fail(String name, String description, long checked, List<String> counterexamples) {
        List<String> all = counterexamples == null ? List.of() : counterexamples;
        List<String> kept = new ArrayList<>(Math.min(all.size(), MAX_COUNTEREXAMPLES + 1));
        for (int i = 0; i < all.size() && i < MAX_COUNTEREXAMPLES; i++) {
            kept.add(String.valueOf(all.get(i)));
        }
        if (all.size() > MAX_COUNTEREXAMPLES) {
            kept.add("... and " + (all.size() - MAX_COUNTEREXAMPLES) + " more");
        }
        return new InvariantResult(name, description, false, kept, checked);
    }
}
