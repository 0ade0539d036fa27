package dev.tideline.rules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A rule's metadata, in one place (as Error Prone's {@code @BugPattern}). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
    /** Stable kebab-case id used in config, suppressions and output, e.g. {@code create-index-non-concurrent}. */
    String id();

    Category category();

    Severity severity();

    /** One line: what the rule flags. */
    String summary();
}
