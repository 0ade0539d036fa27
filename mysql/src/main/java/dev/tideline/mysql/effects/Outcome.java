package dev.tideline.mysql.effects;

import java.util.Set;

/** What happens when a statement runs with a given clause: it runs (how), or the server refuses it (which errors). */
public sealed interface Outcome {
    /** @param rebuild the table is rebuilt (its InnoDB table id changes) */
    record Runs(Algorithm algorithm, boolean rebuild) implements Outcome {}

    /** @param errnos the error numbers the server may answer, e.g. 1846, 1845, 1221, 1064 */
    record Refused(Set<Integer> errnos, String reason) implements Outcome {}
}
