package dev.tideline.report;

import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the Markdown (PR comment) variant lists: findings per file with their locks, suppressions with reasons,
 * and one "how to fix" entry per rule.
 */
record MarkdownView(List<FileFindings> files, List<FindingView> fixes, int findingCount) {
    record FileFindings(String path, List<Item> findings, List<FindingView> suppressed) {}

    /** @param locks e.g. "SHARE on orders; SHARE ROW EXCLUSIVE on customers", empty when none */
    record Item(FindingView finding, String locks, String statement) {}

    static MarkdownView of(LintResult lint, Findings findings) {
        List<FileFindings> files = new ArrayList<>();
        Map<String, FindingView> fixes = new LinkedHashMap<>();
        for (FileAnalysis f : lint.analysis().files()) {
            if (!f.targeted()) continue;
            List<Item> items = new ArrayList<>();
            for (Finding x : findings.in(f.file())) {
                FindingView view = findings.view(x, null);
                fixes.putIfAbsent(x.rule(), view);
                items.add(new Item(view, locks(x), x.statement() == null ? "" : x.statement()));
            }
            List<FindingView> suppressed = findings.suppressedIn(f.file()).stream()
                    .map(s -> findings.view(s.finding(), s.reason())).toList();
            if (!items.isEmpty() || !suppressed.isEmpty()) files.add(new FileFindings(Keys.display(f.file()), items, suppressed));
        }
        return new MarkdownView(files, new ArrayList<>(fixes.values()), lint.findings().size());
    }

    private static String locks(Finding f) {
        if (f.locks() == null) return "";
        return f.locks().stream().map(l -> l.mode().sql() + " on " + l.table()).distinct().collect(Collectors.joining("; "));
    }

    /** The first {@code limit} findings across files, for the summary level. */
    List<Item> first(int limit) {
        List<Item> out = new ArrayList<>();
        for (FileFindings f : files) {
            for (Item i : f.findings()) {
                if (out.size() == limit) return out;
                out.add(i);
            }
        }
        return out;
    }
}
