package dev.tideline.rules.engine;

import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.rules.LintResult;
import java.util.List;

/**
 * A lint of the inputs.
 *
 * @param sets        each migration set's result (standard input last), with the problems its files had
 * @param diagnostics problems with the inputs themselves (missing paths, unreadable folders)
 * @param version     the version the analyses carry: PostgreSQL's, until {@code Analysis} names a neutral target;
 *                    null for other engines (whose runs plan, report and trace refuse)
 */
public record LintRun(List<SetLint> sets, List<Diagnostic> diagnostics, PgVersion version) {
    /** One migration set linted, and the located problems of its files. */
    public record SetLint(LintResult result, List<Diagnostic> problems) {}
}
