package dev.tideline.report;

import java.util.Optional;

/** Looks up a rule's reviewer-facing documentation. */
@FunctionalInterface
public interface RuleDocs {
    Optional<RuleDoc> find(String ruleId);

    /** Why the rule matters, what to do instead, and the safe SQL (any may be null). */
    record RuleDoc(String summary, String why, String instead, String safeSql) {}

    static RuleDocs none() {
        return id -> Optional.empty();
    }
}
