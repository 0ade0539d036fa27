package dev.tideline.report;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.model.LockEffect;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.report.StatementView.LockView;
import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Builds one file's view; its statements are built one by one as the template asks for them. */
final class FileViewBuilder {
    private static final int PREVIEW_CHARS = 110;

    private final FileAnalysis file;
    private final String anchor;
    private final Findings findings;
    private final boolean large;
    private final List<AnalyzedStatement> statements;
    private final Transactions tx;
    private final List<List<Finding>> findingsByStatement = new ArrayList<>();
    private final List<List<LintResult.Suppressed>> suppressedByStatement = new ArrayList<>();
    private final List<Finding> fileLevel = new ArrayList<>();
    private final List<LintResult.Suppressed> fileLevelSuppressed = new ArrayList<>();
    private final String[] worst;

    FileViewBuilder(FileAnalysis file, int number, Findings findings, boolean large) {
        this.file = file;
        this.anchor = "f" + number;
        this.findings = findings;
        this.large = large;
        this.statements = file.statements();
        this.tx = new Transactions(statements);
        this.worst = new String[statements.size()];
        for (int i = 0; i < statements.size(); i++) {
            findingsByStatement.add(new ArrayList<>());
            suppressedByStatement.add(new ArrayList<>());
            worst[i] = Keys.NONE;
        }
        for (Finding f : findings.in(file.file())) {
            int i = statementAt(f);
            if (i < 0) {
                fileLevel.add(f);
            } else {
                findingsByStatement.get(i).add(f);
                worst[i] = Keys.worse(worst[i], Keys.severity(f.severity()));
            }
        }
        for (LintResult.Suppressed s : findings.suppressedIn(file.file())) {
            int i = statementAt(s.finding());
            if (i < 0) fileLevelSuppressed.add(s);
            else suppressedByStatement.get(i).add(s);
        }
    }

    FileView build() {
        String worstKey = Keys.NONE;
        for (Finding f : findings.in(file.file())) worstKey = Keys.worse(worstKey, Keys.severity(f.severity()));
        TimelineBuilder.Result timeline = statements.isEmpty() ? new TimelineBuilder.Result(null, null)
                : TimelineBuilder.build(statements, tx, worst);
        List<FindingView> fileFindings = new ArrayList<>();
        for (Finding f : fileLevel) fileFindings.add(findings.view(f, null));
        for (LintResult.Suppressed s : fileLevelSuppressed) fileFindings.add(findings.view(s.finding(), s.reason()));
        return new FileView(anchor, Keys.display(file.file()), Keys.runner(file.runner()), statements.size(),
                findings.in(file.file()).size(), worstKey, !large,
                ReportViewBuilder.diagnostics(file.diagnostics()), fileFindings, timeline.view(), timeline.note(),
                this::statementViews);
    }

    private Iterator<StatementView> statementViews() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < statements.size();
            }

            @Override
            public StatementView next() {
                return statement(next++);
            }
        };
    }

    private StatementView statement(int i) {
        AnalyzedStatement analyzed = statements.get(i);
        SqlStatement sql = analyzed.statement();
        List<Finding> own = findingsByStatement.get(i);
        SqlLines.Result lines = SqlLines.of(sql, own);
        List<FindingView> findingViews = own.stream().map(f -> findings.view(f, null)).toList();
        List<FindingView> suppressedViews = suppressedByStatement.get(i).stream()
                .map(s -> findings.view(s.finding(), s.reason())).toList();
        List<String> unparsed = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        boolean rewrite = false, scan = false, nonTransactional = false;
        for (AnalyzedOperation op : analyzed.operations()) {
            operations.add(describe(op.operation()));
            if (op.operation() instanceof Operation.Unrecognized u) unparsed.add(u.reason());
            LockEffect effect = op.effect();
            if (effect == null) continue;
            rewrite |= effect.rewrite();
            scan |= effect.scan();
            nonTransactional |= !effect.transactional();
            if (effect.note() != null && !effect.note().isBlank()) notes.add(effect.note());
        }
        List<LockView> locks = StatementLocks.of(analyzed).stream().map(t -> new LockView(
                t.lock().table().toString(), t.lock().mode().sql(), Keys.mode(t.lock().mode()),
                t.lock().blocksReads(), t.lock().blocksWrites(), t.lock().referenced(), t.harmless(),
                tx.heldUntil(i))).toList();
        boolean open = !large && (!own.isEmpty() || !unparsed.isEmpty());
        return new StatementView(anchor + "-s" + (i + 1), i + 1, sql.line(), preview(sql.text()), tx.label(i), open,
                worst[i], lines.lines(), lines.hidden(), operations, locks, rewrite, scan, nonTransactional,
                notes.isEmpty() ? null : String.join(" ", notes), unparsed, findingViews, suppressedViews);
    }

    /** Index of the statement a finding points into, or -1 when it lies outside every statement. */
    private int statementAt(Finding f) {
        return statementAt(statements, f);
    }

    static int statementAt(List<AnalyzedStatement> statements, Finding f) {
        int lo = 0, hi = statements.size() - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            SqlStatement s = statements.get(mid).statement();
            if (s.line() < f.line() || (s.line() == f.line() && s.column() <= f.column())) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) return -1;
        return statements.get(found).statement().endLine() >= f.line() ? found : -1;
    }

    private static String preview(String text) {
        for (String line : text.split("\r?\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("--")) return Keys.shorten(t, PREVIEW_CHARS);
        }
        return Keys.shorten(text.strip(), PREVIEW_CHARS);
    }

    private static String describe(Operation op) {
        String what;
        if (op instanceof Operation.DoBlock d) {
            what = "DO block (" + d.allStatements().size() + " statements recognised inside)";
        } else if (op instanceof Operation.ObjectChange c) {
            return lower(c.verb() + " " + c.objectType()) + (c.name() == null ? "" : " " + c.name());
        } else if (op instanceof Operation.Unrecognized) {
            what = "not understood";
        } else if (op instanceof Operation.Transaction t) {
            what = lower(t.kind().name()).replace('_', ' ');
        } else if (op instanceof Operation.Dml d) {
            boolean bulk = d.kind() == Operation.DmlKind.UPDATE || d.kind() == Operation.DmlKind.DELETE;
            what = lower(d.kind().name()) + (bulk ? (d.hasWhere() ? " with WHERE" : " of every row") : "");
        } else if (op instanceof Operation.SetSetting set) {
            what = "set " + set.name();
        } else {
            what = Keys.words(op.getClass().getSimpleName());
        }
        return op.table() == null ? what : what + " · " + op.table();
    }

    private static String lower(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    static int countUnparsed(List<AnalyzedStatement> statements) {
        return (int) statements.stream()
                .filter(s -> s.operations().stream().anyMatch(o -> o.operation() instanceof Operation.Unrecognized))
                .count();
    }
}
