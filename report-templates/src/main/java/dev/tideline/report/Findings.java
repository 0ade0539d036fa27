package dev.tideline.report;

import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Findings and suppressions grouped by file, and turned into views with their rule documentation. */
final class Findings {
    private final Map<Path, List<Finding>> findings = new HashMap<>();
    private final Map<Path, List<LintResult.Suppressed>> suppressed = new HashMap<>();
    private final RuleDocs docs;

    Findings(LintResult lint, RuleDocs docs) {
        this.docs = docs;
        for (Finding f : lint.findings()) findings.computeIfAbsent(Keys.key(f.file()), k -> new ArrayList<>()).add(f);
        for (LintResult.Suppressed s : lint.suppressed()) {
            suppressed.computeIfAbsent(Keys.key(s.finding().file()), k -> new ArrayList<>()).add(s);
        }
    }

    List<Finding> in(Path file) {
        return findings.getOrDefault(Keys.key(file), List.of());
    }

    List<LintResult.Suppressed> suppressedIn(Path file) {
        return suppressed.getOrDefault(Keys.key(file), List.of());
    }

    FindingView view(Finding f, String reason) {
        RuleDocs.RuleDoc doc = docs.find(f.rule()).orElse(new RuleDocs.RuleDoc(null, null, null, null));
        String safeSql = doc.safeSql();
        if (safeSql != null && f.fix() != null && f.fix().contains(safeSql.strip())) safeSql = null;
        return new FindingView(f.rule(), Keys.severity(f.severity()),
                f.severity() == null ? "" : f.severity().name().toLowerCase(java.util.Locale.ROOT),
                f.category() == null ? "" : f.category().title(), f.line(), f.column(), f.message(), f.fix(),
                doc.why(), doc.instead(), safeSql, reason);
    }

    RuleDocs docs() {
        return docs;
    }
}
