package dev.tideline.rules.plan;

import java.util.List;

/**
 * A release plan: the releases in order, and notes about what could not be made safe (e.g.
 * "no safe online path: …" with the least-bad option).
 *
 * @param noSafePath the notes saying a change was left out, or planned only with a break, because no safe order
 *                   exists: the plan alone does not do all the migration meant (empty when it does)
 */
public record Plan(List<Release> releases, List<String> notes, List<String> noSafePath) {
    public Plan {
        releases = List.copyOf(releases);
        notes = List.copyOf(notes);
        noSafePath = List.copyOf(noSafePath);
    }

    public boolean isEmpty() {
        return releases.isEmpty();
    }
}
