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

    /**
     * The dialects whose migrations the rule checks, by their configuration name ({@code postgres}, {@code mysql}; MariaDB
     * is a flavour of {@code mysql}). An engine runs only its own rule classes; a rule id shared by two engines (a neutral
     * concept such as {@code drop-table}) has one class per engine, each naming its own dialect.
     */
    String[] dialects() default {"postgres"};

    /** Still being tuned on real migrations: its findings may change between releases. */
    boolean preview() default false;
}
