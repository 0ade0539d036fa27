package dev.tideline.rules;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.AnalyzedNestedStatement;
import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.rules.checks.UnparsedStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings of a lint run, in file then position order.
 *
 * @param analysis   what was linted; without its files when the run did not keep them ({@link #withoutFiles})
 * @param suppressed findings silenced by an inline {@code tideline:ignore} (shown in reports with their reason)
 * @param coverage   how much of the input was linted, counted while the files were still there
 */
public record LintResult(Analysis analysis, List<Finding> findings, List<Suppressed> suppressed, Coverage coverage) {
    public record Suppressed(Finding finding, String reason) {}

    public LintResult(Analysis analysis, List<Finding> findings, List<Suppressed> suppressed) {
        this(analysis, findings, suppressed, Coverage.of(analysis));
    }

    /** Targeted files, their statements, and how many of those statements no parser understood. */
    public record Coverage(int files, int statements, int unparsed) {
        static Coverage of(Analysis analysis) {
            int files = 0;
            int statements = 0;
            int unparsed = 0;
            for (FileAnalysis file : analysis.files()) {
                if (!file.targeted()) continue;
                files++;
                statements += file.statements().size();
                for (AnalyzedStatement s : file.statements()) {
                    if (isUnparsed(s)) unparsed++;
                }
            }
            return new Coverage(files, statements, unparsed);
        }

        /** Not understood, or running a statement that is not (dynamic SQL in a DO block, at any depth). */
        private static boolean isUnparsed(AnalyzedStatement statement) {
            for (AnalyzedOperation op : statement.operations()) {
                if (op.operation() instanceof Operation.Unrecognized) return true;
            }
            for (AnalyzedNestedStatement n : statement.nested()) {
                for (AnalyzedOperation op : n.operations()) if (op.operation() instanceof Operation.Unrecognized) return true;
            }
            return false;
        }
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /**
     * Statements no rule checked, still errors after configuration, suppressions and the baseline: a statement nobody
     * analysed must never pass a check silently, so these fail the run like unreadable input.
     */
    public boolean hasUnanalysedStatements() {
        return findings.stream().anyMatch(f -> f.rule().equals(UnparsedStatement.ID) && f.severity() == Severity.ERROR);
    }

    /** The same result without the analysed files, which hold every statement's analysis: what a lint keeps. */
    public LintResult withoutFiles() {
        return new LintResult(new Analysis(analysis.version(), List.of(), analysis.diagnostics()), findings, suppressed,
                coverage);
    }

    /**
     * Results of migration sets linted one by one, as one result, in the given order.
     *
     * @param diagnostics problems of the run as a whole (before those of each part)
     */
    public static LintResult concat(PgVersion version, List<Diagnostic> diagnostics, List<LintResult> parts) {
        List<FileAnalysis> files = new ArrayList<>();
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        List<Finding> findings = new ArrayList<>();
        List<Suppressed> suppressed = new ArrayList<>();
        int linted = 0;
        int statements = 0;
        int unparsed = 0;
        for (LintResult part : parts) {
            files.addAll(part.analysis().files());
            all.addAll(part.analysis().diagnostics());
            findings.addAll(part.findings());
            suppressed.addAll(part.suppressed());
            linted += part.coverage().files();
            statements += part.coverage().statements();
            unparsed += part.coverage().unparsed();
        }
        return new LintResult(new Analysis(version, List.copyOf(files), List.copyOf(all)),
                List.copyOf(findings), List.copyOf(suppressed), new Coverage(linted, statements, unparsed));
    }
}
