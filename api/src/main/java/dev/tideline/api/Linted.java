package dev.tideline.api;

import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.api.output.LintReport;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.RuleDescriptor;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.rules.engine.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A lint of the requested migrations.
 *
 * @param settings the configuration with the request's overrides applied
 * @param target   the engine and version the run checked for
 * @param inputs   the paths as resolved (globs expanded), with the ones that could not be
 * @param result   the findings, and the analysis when it was kept
 * @param problems paths that could not be resolved and diagnostics of the analysis, each located
 */
public record Linted(TidelineConfig settings, Target target, InputPaths inputs, LintResult result, List<Diagnostic> problems) {
    /** Some input could not be read or analysed: a run that checked less than it was asked to. */
    public boolean hasInputErrors() {
        return problems.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** What the output formats print for this run, file names relative to {@code baseDir}. */
    public LintReport report(Path baseDir) {
        return report(result, 0, baseDir);
    }

    /** {@link #report(Path)} showing {@code shown} (the findings a baseline left), {@code baselineHidden} fewer. */
    public LintReport report(LintResult shown, int baselineHidden, Path baseDir) {
        return new LintReport(shown, problems, baseDir, baselineHidden,
                id -> ruleDoc(id).map(r -> new LintReport.RuleDoc(r.id(), r.summary(), r.markdown())));
    }

    /** A rule's documentation as this run's target shows it: the summary, reasons and safe SQL of its dialect. */
    public Optional<RuleDescriptor> ruleDoc(String id) {
        return Engines.doc(target, id);
    }
}
