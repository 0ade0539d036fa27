package dev.tideline.rules;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.AnalyzedNestedStatement;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.model.NestedStatement;
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.rules.suppress.Suppression;
import dev.tideline.rules.suppress.SuppressionIndex;
import dev.tideline.rules.suppress.SuppressionScanner;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Runs the enabled rules over the targeted files of an analysis and applies inline suppressions. */
public final class Linter {
    private final TidelineConfig config;
    /** The ids of every rule of the run's engine, enabled or not: what a suppression may name. */
    private final Set<String> known;
    /** The enabled rules with their configured severity, resolved once rather than per file. */
    private final List<Enabled> checks = new ArrayList<>();
    /** The enabled rules about suppressions themselves, run after the others' findings are suppressed. */
    private final List<Enabled> suppressionChecks = new ArrayList<>();

    /** {@code configured}: the severity the configuration sets, null when the rule's own applies. */
    private record Enabled(Rule rule, RuleInfo info, Severity severity, Severity configured) {}

    public Linter(TidelineConfig config) {
        this(config, RuleRegistry.ALL, RuleRegistry.ids());
    }

    /**
     * A linter running {@code rules}, for an engine whose rule ids are {@code known}. An engine that runs its own rules
     * passes only the neutral rules about suppressions ({@link #suppressionRules}) and hands its findings to
     * {@link #finish}.
     */
    public Linter(TidelineConfig config, List<Rule> rules, Set<String> known) {
        this.config = config;
        this.known = Set.copyOf(known);
        for (Rule rule : rules) {
            RuleInfo info = rule.info();
            if (!config.enabled(info.id())) continue;
            Enabled e = new Enabled(rule, info, config.severity(info.id(), info.severity()), config.configuredSeverity(info.id()));
            (rule instanceof SuppressionCheck ? suppressionChecks : checks).add(e);
        }
    }

    /** Files are linted in parallel (rules keep no state between files) and reported in analysis order. */
    public LintResult lint(Analysis analysis) {
        Map<Class<?>, Object> perAnalysis = new ConcurrentHashMap<>();
        List<FileResult> perFile = analysis.files().parallelStream()
                .filter(file -> file.targeted() && !config.excluded(file.file()))
                .map(file -> lintFile(analysis, file, perAnalysis))
                .toList();
        List<Finding> findings = new ArrayList<>();
        List<LintResult.Suppressed> suppressed = new ArrayList<>();
        for (FileResult r : perFile) {
            findings.addAll(r.findings());
            suppressed.addAll(r.suppressed());
        }
        return new LintResult(analysis, List.copyOf(findings), List.copyOf(suppressed));
    }

    /** One file's findings, in position order, and those its inline suppressions silenced. */
    public record FileResult(List<Finding> findings, List<LintResult.Suppressed> suppressed) {}

    private FileResult lintFile(Analysis analysis, FileAnalysis file, Map<Class<?>, Object> perAnalysis) {
        List<StatementUnit> units = units(file);
        List<Suppression> suppressions = SuppressionScanner.scan(sourceText(file), extents(units));
        RuleContext ctx = new RuleContext(analysis, file, units, suppressions, config::enabled, known, perAnalysis);
        List<Finding> raw = new ArrayList<>();
        for (Enabled e : checks) {
            ctx.use(e.info(), e.severity(), e.configured());
            e.rule().check(ctx);
            raw.addAll(onePerStatement(ctx.drain()));
        }
        return suppress(ctx, suppressions, raw);
    }

    /** The neutral rules about suppression comments, which every engine runs after its own. */
    public static List<Rule> suppressionRules() {
        return RuleRegistry.ALL.stream().filter(r -> r instanceof SuppressionCheck).toList();
    }

    /** The severity the configuration gives a rule, or null when it disables it. */
    public Severity configured(RuleInfo info) {
        return config.enabled(info.id()) ? config.severity(info.id(), info.severity()) : null;
    }

    /**
     * Findings an engine's own rules made in one file (each rule at most once per statement: see
     * {@link #onePerStatement}), with the file's inline suppressions applied and the suppression rules run.
     *
     * @param extents      the file's statements, by start line
     * @param hashComments {@code #} starts a comment in the file's dialect
     */
    public FileResult finish(FileAnalysis file, List<SuppressionScanner.Extent> extents, boolean hashComments,
                             List<Finding> raw) {
        List<Suppression> suppressions = SuppressionScanner.scan(sourceText(file), extents, hashComments);
        Analysis analysis = new Analysis(null, List.of(file), List.of());
        RuleContext ctx = new RuleContext(analysis, file, List.of(), suppressions, config::enabled, known,
                new ConcurrentHashMap<>());
        return suppress(ctx, suppressions, raw);
    }

    private FileResult suppress(RuleContext ctx, List<Suppression> suppressions, List<Finding> raw) {
        List<Finding> findings = new ArrayList<>();
        List<LintResult.Suppressed> suppressed = new ArrayList<>();
        List<Finding> kept = new ArrayList<>();
        SuppressionIndex index = new SuppressionIndex(suppressions);
        for (Finding f : raw) {
            Suppression by = index.covering(f.rule(), f.line());
            if (by == null) {
                kept.add(f);
            } else {
                by.used().add(f.rule());
                suppressed.add(new LintResult.Suppressed(f, by.reason()));
            }
        }
        for (Enabled e : suppressionChecks) {
            ctx.use(e.info(), e.severity(), e.configured());
            e.rule().check(ctx);
            kept.addAll(ctx.drain());
        }
        kept.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column).thenComparing(Finding::rule));
        findings.addAll(kept);
        return new FileResult(findings, suppressed);
    }

    /**
     * One finding per rule and statement: a statement adding twenty generated columns is one problem to review, not
     * twenty. The first finding speaks for the rest, with their count; the locks are merged.
     */
    public static List<Finding> onePerStatement(List<Finding> findings) {
        java.util.Map<String, List<Finding>> byStatement = new java.util.LinkedHashMap<>();
        for (Finding f : findings) byStatement.computeIfAbsent(f.line() + ":" + f.column(), k -> new ArrayList<>()).add(f);
        List<Finding> out = new ArrayList<>();
        for (List<Finding> same : byStatement.values()) {
            Finding first = same.get(0);
            if (same.size() == 1) {
                out.add(first);
                continue;
            }
            List<dev.tideline.analyzer.model.TableLock> locks = new ArrayList<>();
            for (Finding f : same) locks.addAll(f.locks());
            out.add(new Finding(first.rule(), first.severity(), first.category(), first.file(), first.line(),
                    first.column(), first.message() + " (and " + (same.size() - 1) + " more like it in this statement)",
                    first.statement(), Locks.distinct(locks), first.fix(), first.textFix()));
        }
        return out;
    }

    /** Top-level statements, each followed by the statements of its DO blocks (at every depth). */
    static List<StatementUnit> units(FileAnalysis file) {
        List<StatementUnit> units = new ArrayList<>();
        for (AnalyzedStatement st : file.statements()) {
            SqlStatement s = st.statement();
            units.add(new StatementUnit(st, s.line(), s.column(), s.text(), st.operations(), false, st.schemaBefore()));
            for (AnalyzedNestedStatement n : st.nested()) {
                NestedStatement at = n.statement();
                units.add(new StatementUnit(st, at.line(), at.column(), at.text(), n.operations(), true, n.schemaBefore()));
            }
        }
        return units;
    }

    private static List<SuppressionScanner.Extent> extents(List<StatementUnit> units) {
        List<SuppressionScanner.Extent> out = new ArrayList<>();
        for (StatementUnit u : units) {
            int end = u.nested() ? u.line() : u.enclosing().statement().endLine();
            out.add(new SuppressionScanner.Extent(u.line(), end));
        }
        out.sort(Comparator.comparingInt(SuppressionScanner.Extent::line));
        return out;
    }

    /**
     * The file as written, for its comments: the text the analyzer read, else (stdin, a test's hand-made analysis) the
     * statements' own text. A file the reader refused (too large, binary, unreadable) is not read again here.
     */
    private static String sourceText(FileAnalysis file) {
        if (file.text() != null) return file.text();
        StringBuilder sb = new StringBuilder();
        int line = 1;
        for (AnalyzedStatement st : file.statements()) {
            SqlStatement s = st.statement();
            while (line < s.line()) {
                sb.append('\n');
                line++;
            }
            sb.append(s.text());
            line += (int) s.text().chars().filter(c -> c == '\n').count();
        }
        return sb.toString();
    }
}
