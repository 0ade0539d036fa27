package dev.tideline.report;

import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.report.ReportView.Count;
import dev.tideline.report.ReportView.DiagnosticView;
import dev.tideline.report.ReportView.FileSummary;
import dev.tideline.report.ReportView.FindingRow;
import dev.tideline.report.ReportView.RuleCount;
import dev.tideline.report.ReportView.TableStatsView;
import dev.tideline.report.ReportView.Totals;
import dev.tideline.report.ReportView.Verdict;
import dev.tideline.rules.Category;
import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a lint run into the report's view: totals and verdict eagerly, file sections lazily. */
public final class ReportViewBuilder {
    /** Above this many statements everything starts collapsed and the summary leads. */
    public static final int LARGE_STATEMENTS = 2_000;

    /** The overview lists at most this many findings; every one is still shown with its statement. */
    static final int MAX_FINDING_ROWS = 300;

    private ReportViewBuilder() {}

    public static ReportView build(ReportInput input) {
        LintResult lint = input.lint();
        List<FileAnalysis> targeted = lint.analysis().files().stream().filter(FileAnalysis::targeted).toList();
        int replayed = lint.analysis().files().size() - targeted.size();
        Findings findings = new Findings(lint, input.docs());

        int statements = 0, unparsed = 0, blocking = 0, rewrites = 0;
        for (FileAnalysis f : targeted) {
            statements += f.statements().size();
            unparsed += FileViewBuilder.countUnparsed(f.statements());
            for (AnalyzedStatement s : f.statements()) {
                if (StatementLocks.blocksTraffic(s)) blocking++;
                if (s.operations().stream().anyMatch(o -> o.effect() != null && o.effect().rewrite())) rewrites++;
            }
        }
        boolean large = statements > LARGE_STATEMENTS;
        List<DiagnosticView> diagnostics = diagnostics(lint.analysis().diagnostics());
        int fileDiagnostics = targeted.stream().mapToInt(f -> f.diagnostics().size()).sum();
        Totals totals = new Totals(targeted.size(), replayed, statements, lint.findings().size(),
                lint.suppressed().size(), unparsed, blocking, rewrites);

        List<FileSummary> summaries = new ArrayList<>();
        for (int i = 0; i < targeted.size(); i++) {
            FileAnalysis f = targeted.get(i);
            List<Finding> in = findings.in(f.file());
            String worst = Keys.NONE;
            for (Finding x : in) worst = Keys.worse(worst, Keys.severity(x.severity()));
            summaries.add(new FileSummary("f" + (i + 1), Keys.display(f.file()), f.statements().size(), in.size(), worst));
        }
        Iterable<FileView> files = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < targeted.size();
            }

            @Override
            public FileView next() {
                FileAnalysis f = targeted.get(next++);
                return new FileViewBuilder(f, next, findings, large).build();
            }
        };
        return new ReportView("tideline safety report", input.scope(), lint.analysis().version().toString(),
                verdict(lint, totals, diagnostics.size() + fileDiagnostics), totals, severities(lint),
                categories(lint), rules(lint, input.docs()), findingRows(targeted, findings),
                Math.max(0, lint.findings().size() - MAX_FINDING_ROWS), summaries, diagnostics,
                TableStatsViews.of(input.tableStats(), targeted), input.plan(), large, files);
    }

    /** The overview table: most severe first, then in file order, at most {@link #MAX_FINDING_ROWS} rows. */
    private static List<FindingRow> findingRows(List<FileAnalysis> targeted, Findings findings) {
        List<FindingRow> rows = new ArrayList<>();
        List<Severity> order = new ArrayList<>(List.of(Severity.values()));
        order.add(null); // a finding without a severity still gets listed, last
        for (Severity severity : order) {
            for (int i = 0; i < targeted.size() && rows.size() < MAX_FINDING_ROWS; i++) {
                FileAnalysis f = targeted.get(i);
                for (Finding x : findings.in(f.file())) {
                    if (rows.size() == MAX_FINDING_ROWS) break;
                    if (x.severity() != severity) continue;
                    int at = FileViewBuilder.statementAt(f.statements(), x);
                    String anchor = "f" + (i + 1) + (at < 0 ? "" : "-s" + (at + 1));
                    rows.add(new FindingRow(anchor, Keys.display(f.file()) + ":" + x.line() + ":" + x.column(), x.rule(),
                            Keys.severity(x.severity()), x.message()));
                }
            }
        }
        return rows;
    }

    static List<DiagnosticView> diagnostics(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> new DiagnosticView(
                Keys.display(d.file()) + (d.line() > 0 ? ":" + d.line() + ":" + d.column() : ""),
                d.severity().name().toLowerCase(Locale.ROOT), d.code(), d.message())).toList();
    }

    private static Verdict verdict(LintResult lint, Totals totals, int diagnostics) {
        long errors = lint.count(Severity.ERROR), warnings = lint.count(Severity.WARNING);
        String suppressed = totals.suppressed() == 0 ? ""
                : " " + plural(totals.suppressed(), "finding") + " suppressed with a reason (listed below).";
        if (errors > 0) {
            return new Verdict("dangerous", "Dangerous", plural(errors, "error finding") + ": statements here can "
                    + "block production traffic, break the running release or destroy data. Do not deploy as is."
                    + suppressed);
        }
        List<String> open = new ArrayList<>();
        if (warnings > 0) open.add(plural(warnings, "warning"));
        if (totals.unparsed() > 0) open.add(plural(totals.unparsed(), "statement") + " tideline could not analyse");
        if (diagnostics > 0) open.add(plural(diagnostics, "input problem"));
        if (totals.statements() == 0) open.add("no SQL statements found in the given paths");
        if (!open.isEmpty()) {
            return new Verdict("attention", "Needs attention",
                    "No errors, but " + String.join(", ", open) + " to review before deploying." + suppressed);
        }
        return new Verdict("safe", "Safe", "No findings in " + plural(totals.statements(), "statement")
                + ": safe to deploy while traffic runs, as far as static analysis can tell." + suppressed);
    }

    private static List<Count> severities(LintResult lint) {
        List<Count> counts = new ArrayList<>();
        for (Severity s : Severity.values()) {
            counts.add(new Count(Keys.severity(s), s.name().toLowerCase(Locale.ROOT) + "s", lint.count(s)));
        }
        counts.add(new Count("suppressed", "suppressed", lint.suppressed().size()));
        return counts;
    }

    private static List<Count> categories(LintResult lint) {
        Map<Category, Long> by = new EnumMap<>(Category.class);
        for (Category c : Category.values()) by.put(c, 0L);
        for (Finding f : lint.findings()) if (f.category() != null) by.merge(f.category(), 1L, Long::sum);
        List<Count> counts = new ArrayList<>();
        by.forEach((c, n) -> counts.add(new Count(c.name().toLowerCase(Locale.ROOT).replace('_', '-'), c.title(), n)));
        return counts;
    }

    private static List<RuleCount> rules(LintResult lint, RuleDocs docs) {
        Map<String, Finding> first = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        List<Finding> sorted = new ArrayList<>(lint.findings());
        sorted.sort((a, b) -> Integer.compare(ordinal(a.severity()), ordinal(b.severity())));
        for (Finding f : sorted) {
            first.putIfAbsent(f.rule(), f);
            count.merge(f.rule(), 1, Integer::sum);
        }
        List<RuleCount> rules = new ArrayList<>();
        first.forEach((rule, f) -> rules.add(new RuleCount(rule, Keys.severity(f.severity()),
                docs.find(rule).map(RuleDocs.RuleDoc::summary).orElse(null), count.get(rule))));
        return rules;
    }

    private static int ordinal(Severity s) {
        return s == null ? Integer.MAX_VALUE : s.ordinal();
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
