package dev.tideline.rules.plan;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.rules.Finding;
import java.util.ArrayList;
import java.util.List;

/** Plans the operations of one statement. */
final class ChangePlanner {
    private final PlannerOptions options;
    private final FileAnalysis file;
    private final AnalyzedStatement statement;
    private final List<Finding> findings;
    private final List<String> notes = new ArrayList<>();

    ChangePlanner(PlannerOptions options, FileAnalysis file, AnalyzedStatement statement, List<Finding> findings) {
        this.options = options;
        this.file = file;
        this.statement = statement;
        this.findings = findings;
    }

    List<Stage> plan(AnalyzedOperation op) {
        notes.add(file.file() + ":" + statement.statement().line() + ": not planned yet: "
                + op.operation().getClass().getSimpleName());
        return List.of();
    }

    List<String> notes() {
        return notes;
    }
}
