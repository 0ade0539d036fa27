package dev.tideline.mysql.lint;

import dev.tideline.mysql.MySqlVersion;
import dev.tideline.rules.RuleInfo;

/**
 * One rule of the MySQL/MariaDB wing: a small stateless class annotated with {@link RuleInfo} (its dialects
 * {@code mysql}), listed in {@link MySqlRules}, documented by {@code docs/<id>.md} (its own, next to the rule classes,
 * or the neutral rule's of the same id with a {@code ## Safe SQL (mysql)} section) and checked by its fixture.
 */
public interface MySqlRule {
    /** Called once per targeted file. */
    void check(MySqlFile file, Report report);

    /**
     * Whether the rule has anything to say on this server (its doc's "Applies to"): asked as capabilities of the
     * version, never as version numbers. A rule that does not apply is not run.
     */
    default boolean appliesTo(MySqlVersion version) {
        return true;
    }

    default RuleInfo info() {
        return getClass().getAnnotation(RuleInfo.class);
    }
}
