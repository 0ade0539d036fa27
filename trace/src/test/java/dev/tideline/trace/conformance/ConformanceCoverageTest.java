package dev.tideline.trace.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tideline.analyzer.model.Operation;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The conformance table exercises every operation kind the lock model has a rule for (no server needed). */
class ConformanceCoverageTest {
    @Test
    void everyOperationKindHasACase() {
        Set<String> covered = new TreeSet<>();
        for (ConformanceCase c : ConformanceCases.all()) {
            Prediction.of(c, 18).kinds().forEach(k -> covered.add(k.getSimpleName()));
        }
        Set<String> missing = new TreeSet<>();
        for (Class<?> kind : Operation.class.getPermittedSubclasses()) {
            // an Unrecognized statement makes no lock claim to check: it is reported as unknown instead
            if (kind != Operation.Unrecognized.class && !covered.contains(kind.getSimpleName())) missing.add(kind.getSimpleName());
        }
        assertEquals(Set.of(), missing, "operation kinds without a conformance case");
        assertEquals(false, covered.contains("Unrecognized"), "a conformance statement was not understood: " + covered);
    }
}
