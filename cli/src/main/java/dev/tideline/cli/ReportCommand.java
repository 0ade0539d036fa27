package dev.tideline.cli;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.api.Engines;
import dev.tideline.api.Linted;
import dev.tideline.api.PlanRequest;
import dev.tideline.api.Planned;
import dev.tideline.api.Tideline;
import dev.tideline.api.TidelineVersion;
import dev.tideline.cli.Main.UserError;
import dev.tideline.report.PlanView;
import dev.tideline.report.ReportInput;
import dev.tideline.report.ReportRenderer;
import dev.tideline.report.RuleDocs;
import dev.tideline.report.TableStats;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Severity;
import dev.tideline.rules.stats.SizeRisk;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tideline report}: one page a reviewer reads instead of the SQL — verdict, locks, findings, timeline. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Writes a safety report for reviewers: the verdict and counts by severity and category, then per file"
                        + " and statement the SQL, the locks taken and what they block, the findings with the safe SQL"
                        + " instead, the suppressions in force, a lock timeline and the release plan.",
                "HTML is one self-contained file (no network access when opened); Markdown fits a pull-request comment"
                        + " (at most 65,536 characters, summarised when longer).",
                "",
                "Exit status: 0 no error findings, 1 error findings, 2 usage, configuration or input error."},
        footer = {"", "Examples:",
                "  tideline report db/migrations        (writes tideline-report.html)",
                "  tideline report --format markdown --changed-since origin/main db/migrations > comment.md",
                "  tideline report --db 'jdbc:postgresql://db/app?user=ro' --stats -o report.html db/migrations"})
final class ReportCommand implements Callable<Integer> {
    enum ReportFormat { html, markdown }

    static final Path DEFAULT_HTML = Path.of("tideline-report.html");

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the report; - for standard output (default: tideline-report.html for html,"
                    + " standard output for markdown).")
    String output;

    @Mixin
    MigrationInputs inputs;

    @Mixin
    StatsOptions stats;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Tideline.requirePostgres(inputs.request(cwd, true), "report");
        Planned planned = Tideline.plan(PlanRequest.of(inputs.request(cwd, true)));
        Linted loaded = planned.linted();
        LintResult linted = loaded.result();
        // Paths that could not be read belong in the report too, not only on the terminal.
        Analysis analysis = withProblems(linted.analysis(), loaded.inputs().problems());
        LintResult result = new LintResult(analysis, linted.findings(), linted.suppressed(), linted.coverage());
        SizeRisk sizes = stats.read(analysis);
        if (sizes != null) result = sizes.apply(result);

        ReportInput input = new ReportInput(String.join(" ", inputs.paths), result, ReportCommand::ruleDoc,
                PlanView.of(planned.plan()), tableStats(sizes));
        Path written = write(input);

        PrintWriter err = spec.commandLine().getErr();
        for (Diagnostic d : loaded.problems()) {
            if (d.severity() == Diagnostic.Severity.ERROR) err.println(location(d) + ": error: " + d.message());
        }
        if (written != null) {
            err.println("tideline report: wrote " + written + " (" + result.count(Severity.ERROR) + " errors, "
                    + result.count(Severity.WARNING) + " warnings, " + result.count(Severity.INFO) + " info)");
        }
        if (loaded.hasInputErrors()) return Main.USAGE_OR_IO_ERROR;
        return result.count(Severity.ERROR) > 0 ? 1 : 0;
    }

    /** Writes the report; returns the file written, or null for standard output. */
    private Path write(ReportInput input) throws IOException {
        ReportRenderer renderer = new ReportRenderer("tideline " + TidelineVersion.current().describe());
        String target = output != null ? output : format == ReportFormat.html ? DEFAULT_HTML.toString() : "-";
        if (target.equals("-")) {
            PrintWriter out = spec.commandLine().getOut();
            if (format == ReportFormat.html) renderer.html(input, out);
            else out.print(renderer.markdown(input));
            out.flush();
            return null;
        }
        Path file = Path.of(target);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new UserError(target + ": directory does not exist");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (format == ReportFormat.html) renderer.html(input, out);
            else out.write(renderer.markdown(input));
        } catch (IOException e) {
            throw new UserError(target + ": cannot write the report: " + e.getMessage(), e);
        }
        return file;
    }

    private static Analysis withProblems(Analysis analysis, List<Diagnostic> problems) {
        if (problems.isEmpty()) return analysis;
        List<Diagnostic> all = new ArrayList<>(problems);
        all.addAll(analysis.diagnostics());
        return new Analysis(analysis.version(), analysis.files(), all);
    }

    private static List<TableStats> tableStats(SizeRisk sizes) {
        if (sizes == null) return List.of();
        List<TableStats> stats = new ArrayList<>();
        sizes.sizes().forEach((table, size) -> stats.add(new TableStats(table.toString(), size.rows(), size.bytes())));
        return stats;
    }

    private static Optional<RuleDocs.RuleDoc> ruleDoc(String id) {
        return Engines.find(id).map(r -> new RuleDocs.RuleDoc(r.summary(), r.why(), r.instead(), r.safeSql()));
    }

    private static String location(Diagnostic d) {
        return d.file() + (d.line() > 0 ? ":" + d.line() + ":" + d.column() : "");
    }
}
