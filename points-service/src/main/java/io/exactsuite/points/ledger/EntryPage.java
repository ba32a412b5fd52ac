package io.exactsuite.points.ledger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

@RegisterForReflection
public record EntryPage(List<EntryView> items, int page, int size, long total) {
}
