package dev.tideline.junit;

import dev.tideline.api.LintRequest;
import dev.tideline.api.Linted;
import dev.tideline.api.Tideline;
import dev.tideline.api.output.Format;
import dev.tideline.api.output.LintReport;
import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions over migrations. Settings come from tideline.yaml (found from the working directory up) unless
 * {@link #withConfig} names one; a failure lists the findings exactly as {@code tideline lint}'s text format does.
 */
public final class MigrationsAssert {
    private final LintRequest request;

    MigrationsAssert(Path... paths) {
        this(LintRequest.of(paths));
    }

    private MigrationsAssert(LintRequest request) {
        this.request = request;
    }

    /** Reads this configuration file instead of the tideline.yaml found from the working directory. */
    public MigrationsAssert withConfig(Path configFile) {
        return new MigrationsAssert(request.withConfig(configFile));
    }

    /** Asserts only on migrations added or changed since this git ref (its merge base with HEAD), e.g. origin/main. */
    public MigrationsAssert changedSince(String gitRef) {
        return new MigrationsAssert(request.withChangedSince(gitRef));
    }

    /** Checks for this server, {@code dialect[:version]}: postgres:16, mysql:8.0.36, mariadb:10.11. */
    public MigrationsAssert withTarget(String target) {
        return new MigrationsAssert(request.withTarget(target));
    }

    /** Fails on any error finding, and on input that could not be read or analysed. */
    public MigrationsAssert hasNoErrors() {
        return check(f -> f.severity() == Severity.ERROR, "error findings");
    }

    /** Fails on any finding of these rules (of any rule when none is named), and on input that could not be read. */
    public MigrationsAssert hasNoFindings(String... rules) {
        Set<String> ids = Set.of(rules);
        return check(f -> ids.isEmpty() || ids.contains(f.rule()),
                ids.isEmpty() ? "findings" : "findings of " + String.join(", ", rules));
    }

    private MigrationsAssert check(Predicate<Finding> failing, String what) {
        Linted linted = Tideline.lint(request);
        LintResult all = linted.result();
        List<Finding> bad = all.findings().stream().filter(failing).toList();
        LintReport report = linted.report(new LintResult(all.analysis(), bad, all.suppressed(), all.coverage()), 0,
                request.cwd());
        if (report.hasInputErrors() || all.hasUnanalysedStatements()) {
            throw new AssertionFailedError("tideline could not read or analyse every migration:\n" + text(report));
        }
        if (!bad.isEmpty()) throw new AssertionFailedError("expected no " + what + " in " + request.paths() + ":\n" + text(report));
        return this;
    }

    private static String text(LintReport report) {
        StringWriter out = new StringWriter();
        try {
            Format.TEXT.writer(false).write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
