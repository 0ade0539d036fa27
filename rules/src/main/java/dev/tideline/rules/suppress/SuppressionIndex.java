package dev.tideline.rules.suppress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's suppressions by the statement line they silence, so each finding looks at the few that can cover it, not
 * at all of them (20,000 suppressed statements took 10 s).
 */
public final class SuppressionIndex {
    private final List<Suppression> fileLevel = new ArrayList<>();
    private final Map<Integer, List<Suppression>> byTarget = new HashMap<>();

    public SuppressionIndex(List<Suppression> suppressions) {
        for (Suppression s : suppressions) {
            if (s.fileLevel()) fileLevel.add(s);
            else if (s.targetLine() > 0) byTarget.computeIfAbsent(s.targetLine(), k -> new ArrayList<>()).add(s);
        }
    }

    /**
     * The first suppression, in file order (one comment per line, so by its line), that silences {@code rule} at
     * {@code line}; null when none does.
     */
    public Suppression covering(String rule, int line) {
        Suppression first = null;
        for (Suppression s : fileLevel) {
            if (s.covers(rule, line)) {
                first = s;
                break;
            }
        }
        for (Suppression s : byTarget.getOrDefault(line, List.of())) {
            if (s.covers(rule, line) && (first == null || s.line() < first.line())) return s;
        }
        return first;
    }
}
