package dev.tideline.api;

import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.PlanLayout;
import java.util.stream.Stream;

/**
 * The releases planned for the risky changes of {@link Linted#result()}.
 *
 * @param running how to run the plan's files with the run's runner, in the engine's words (PLAN.md), or null where the
 *                front end's PostgreSQL wording applies
 */
public record Planned(Linted linted, Plan plan, String running) {
    /** The runner the plan's files are written for: configured, else detected for the first planned file; plain when none. */
    public Runner runner() {
        Runner configured = linted.settings().analyzerOptions().runner();
        if (configured != null) return configured;
        return planned().findFirst().map(FileAnalysis::runner).orElse(Runner.PLAIN);
    }

    /** How to run the plan's files with {@link #runner()} (PLAN.md): the engine's words, else PostgreSQL's. */
    public String runningText() {
        return running != null ? running : dev.tideline.api.plan.PlanOutput.running(runner());
    }

    /** Where the plan's migration files continue the planned files' numbering. */
    public PlanLayout.Start start() {
        return PlanLayout.Start.forPlanned(planned().map(FileAnalysis::file).toList());
    }

    private Stream<FileAnalysis> planned() {
        return linted.result().analysis().files().stream().filter(FileAnalysis::targeted);
    }
}
