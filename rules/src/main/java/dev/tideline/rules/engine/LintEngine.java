package dev.tideline.rules.engine;

import java.util.List;

/**
 * One database engine as the front ends see it: the dialects it reads, how a version is written for it, its rules,
 * and a lint of migration sets. The engines are listed in one place (the CLI's {@code Engines}); nothing else names
 * one, and the run's engine is chosen once, as its {@link Target}.
 */
public interface LintEngine {
    /** The names {@code dialect:} takes for this engine, its own id first ({@code postgres}; {@code mysql, mariadb}). */
    List<String> dialects();

    /**
     * The target for one of {@link #dialects()} and a version as the user wrote it.
     *
     * @param version null for the engine's default (or, for PostgreSQL, {@code pg-version})
     * @throws IllegalArgumentException when the version is not one of the engine's, saying which are
     */
    Target target(String dialect, String version);

    /** Every rule class of the engine (annotated with {@code RuleInfo}), for the catalogue and the configuration. */
    List<Class<?>> ruleClasses();

    /** Lints the inputs one migration set at a time, sets in parallel. */
    LintRun lint(Target target, LintRequest request);

    /** The engine's own planner for {@code tideline plan}, or empty where the shared (PostgreSQL) planner runs. */
    default java.util.Optional<dev.tideline.rules.plan.EnginePlanner> planner() {
        return java.util.Optional.empty();
    }

    /** The engine's own {@code tideline backfill}, or empty where the shared (PostgreSQL) one runs. */
    default java.util.Optional<dev.tideline.rules.plan.EngineBackfill> backfill() {
        return java.util.Optional.empty();
    }
}
