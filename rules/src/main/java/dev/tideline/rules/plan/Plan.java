package dev.tideline.rules.plan;

import java.util.List;

/**
 * A release plan: the releases in order, and notes about what could not be made safe (e.g.
 * "no safe online path: …" with the least-bad option).
 */
public record Plan(List<Release> releases, List<String> notes) {
    public Plan {
        releases = List.copyOf(releases);
        notes = List.copyOf(notes);
    }

    public boolean isEmpty() {
        return releases.isEmpty();
    }
}
