package dev.tideline.rules.plan;

import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.engine.LintRequest;
import dev.tideline.rules.engine.Target;
import java.util.List;

/**
 * An engine that writes its own plan kinds: it reads the migrations as its lint does and turns the risky changes of
 * the targeted files into releases of the shared plan model, in the runner's terms.
 */
public interface EnginePlanner {
    /**
     * @param lockTimeoutMs how long a step may wait for a lock before it gives up (and is retried)
     * @param retry         lock-taking steps retry by themselves, bounded by {@code retries} tries
     * @param batchSize     rows per backfill batch
     * @param pauseMs       pause between backfill batches
     */
    record Settings(int lockTimeoutMs, boolean retry, int retries, int batchSize, int pauseMs) {}

    /**
     * @param runner   the runner the files are written for (the configured one, else the first planned file's)
     * @param planned  the targeted files, in order
     * @param problems what reading the inputs met (errors: the plan leaves that input out)
     */
    record Planned(Plan plan, Runner runner, List<FileAnalysis> planned, List<Diagnostic> problems) {}

    /** @param runner the configured runner, or null to use the one detected for the first planned file */
    Planned plan(Target target, LintRequest request, Settings settings, Runner runner);

    /** How to run the plan's files with this runner and resume after a failed step, for PLAN.md (Markdown). */
    String running(Runner runner);
}
