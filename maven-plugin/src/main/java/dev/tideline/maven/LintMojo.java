package dev.tideline.maven;

import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.api.Baselined;
import dev.tideline.api.Linted;
import dev.tideline.api.Tideline;
import dev.tideline.api.output.Format;
import dev.tideline.api.output.LintReport;
import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Severity;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code tideline:lint}: lints the project's migrations as {@code tideline lint} does, logs each finding as a Maven
 * error or warning at its file and line, writes the requested report files, and fails the build as {@code failOn} says.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class LintMojo extends TidelineMojo {
    /** Fail the build on findings of this severity or worse: error, warning or never. */
    @Parameter(property = "tideline.failOn", defaultValue = "error")
    String failOn;

    /** Report only findings not recorded in this baseline (written by {@code tideline lint --write-baseline}). */
    @Parameter(property = "tideline.baseline")
    File baseline;

    /**
     * Report files by format, e.g. {@code <sarif>${project.build.directory}/tideline.sarif</sarif>}; formats: text,
     * json, sarif, github, gitlab, markdown.
     */
    @Parameter
    Map<String, File> formats;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("tideline: skipped");
            return;
        }
        Severity threshold = threshold();
        guard(() -> {
            Linted linted = Tideline.lint(request(false));
            LintResult result = linted.result();
            int known = 0;
            if (baseline != null) {
                Baselined filtered = Baselined.filter(result, baseline.toPath(), basedir.toPath());
                result = filtered.result();
                known = filtered.known();
            }
            LintReport report = linted.report(result, known, basedir.toPath());
            log(report);
            write(report);
            verdict(report, result, threshold);
            return null;
        });
    }

    private void log(LintReport report) {
        Log log = getLog();
        for (Diagnostic d : report.diagnostics()) {
            String line = report.display(d.file()) + (d.line() > 0 ? ":" + d.line() : "") + ": " + d.code() + ": " + d.message();
            if (d.severity() == Diagnostic.Severity.ERROR) log.error(line);
            else log.warn(line);
        }
        for (Finding f : report.findings()) {
            String line = report.display(f.file()) + ":" + f.line() + ":" + f.column() + ": " + f.rule() + ": " + f.message();
            switch (f.severity()) {
                case ERROR -> log.error(line);
                case WARNING -> log.warn(line);
                default -> log.info(line);
            }
        }
        LintReport.Summary s = report.summary();
        log.info("tideline: " + s.files() + " file(s), " + s.statements() + " statement(s): " + s.errors() + " error(s), "
                + s.warnings() + " warning(s)" + (report.baselineHidden() > 0 ? ", " + report.baselineHidden() + " in the baseline" : ""));
    }

    private void write(LintReport report) throws MojoExecutionException {
        if (formats == null) return;
        for (Map.Entry<String, File> e : formats.entrySet()) {
            Format format = format(e.getKey());
            Path file = e.getValue().toPath();
            try {
                if (file.getParent() != null) Files.createDirectories(file.getParent());
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    format.writer(false).write(report, out);
                }
            } catch (IOException ex) {
                throw new MojoExecutionException("tideline: cannot write " + file + ": " + ex.getMessage(), ex);
            }
            getLog().info("tideline: wrote " + format + " to " + file);
        }
    }

    private static void verdict(LintReport report, LintResult result, Severity threshold) throws MojoFailureException {
        // a run that could not read or understand all its input is never a clean one, whatever failOn says
        if (report.hasInputErrors()) throw new MojoFailureException("tideline: some migrations could not be read (see the errors above)");
        if (result.hasUnanalysedStatements()) {
            throw new MojoFailureException("tideline: some statements could not be analysed (see unparsed-statement above)");
        }
        if (threshold == null) return;
        long failing = result.findings().stream().filter(f -> f.severity().ordinal() <= threshold.ordinal()).count();
        if (failing > 0) {
            throw new MojoFailureException("tideline: " + failing + " finding(s) of severity " + threshold.name().toLowerCase(Locale.ROOT)
                    + " or worse (failOn=" + threshold.name().toLowerCase(Locale.ROOT) + ")");
        }
    }

    /** The severity that fails the build, or null for never. */
    private Severity threshold() throws MojoExecutionException {
        return switch (failOn.strip().toLowerCase(Locale.ROOT)) {
            case "error" -> Severity.ERROR;
            case "warning" -> Severity.WARNING;
            case "never" -> null;
            default -> throw new MojoExecutionException("tideline: <failOn> " + failOn + ": expected error, warning or never");
        };
    }

    private static Format format(String name) throws MojoExecutionException {
        try {
            return Format.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("tideline: <formats>: unknown format '" + name + "': expected text, json, sarif, github, gitlab or markdown");
        }
    }
}
