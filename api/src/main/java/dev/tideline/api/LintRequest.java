package dev.tideline.api;

import dev.tideline.analyzer.tx.Runner;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What to lint and how, as a user writes it on any front end: the command line's options, a Maven plugin's parameters,
 * a JUnit assertion's settings. Every value left null comes from the configuration file, as on the command line.
 *
 * @param cwd          where relative paths and globs are resolved and {@code tideline.yaml} is looked for
 * @param paths        migration files, directories, globs, or {@code -} for {@link #stdin()}
 * @param config       the configuration file, or null to look for {@code tideline.yaml} from {@code cwd} up
 * @param dialect      {@code postgres}, {@code mysql} or {@code mariadb}, or null
 * @param target       {@code dialect[:version]}, e.g. {@code postgres:16}, or null
 * @param pgVersion    PostgreSQL's major version (the older {@code --pg-version}), or null
 * @param runner       the migration runner, or null (configured, else detected from the layout)
 * @param changedSince a git ref: report only on files changed since its merge base with HEAD; or null
 * @param stdin        what {@code -} reads
 * @param keepFiles    keep every file's analysis in the result (plans, reports and statistics read it); else each
 *                     migration set's analysis is dropped once linted, so memory follows the findings, not the input
 */
public record LintRequest(Path cwd, List<String> paths, Path config, String dialect, String target, Integer pgVersion,
                          Runner runner, String changedSince, InputStream stdin, boolean keepFiles) {
    public LintRequest {
        paths = List.copyOf(paths);
        cwd = cwd.toAbsolutePath();
    }

    /** The migrations under these paths, everything else from the configuration found from the current directory. */
    public static LintRequest of(Path... paths) {
        return new LintRequest(Path.of("").toAbsolutePath(), Arrays.stream(paths).map(Path::toString).toList(),
                null, null, null, null, null, null, System.in, false);
    }

    public LintRequest withCwd(Path dir) {
        return new LintRequest(dir, paths, config, dialect, target, pgVersion, runner, changedSince, stdin, keepFiles);
    }

    public LintRequest withConfig(Path file) {
        return new LintRequest(cwd, paths, file, dialect, target, pgVersion, runner, changedSince, stdin, keepFiles);
    }

    public LintRequest withTarget(String dialectAndVersion) {
        return new LintRequest(cwd, paths, config, dialect, dialectAndVersion, pgVersion, runner, changedSince, stdin, keepFiles);
    }

    public LintRequest withRunner(Runner migrationRunner) {
        return new LintRequest(cwd, paths, config, dialect, target, pgVersion, migrationRunner, changedSince, stdin, keepFiles);
    }

    public LintRequest withChangedSince(String ref) {
        return new LintRequest(cwd, paths, config, dialect, target, pgVersion, runner, ref, stdin, keepFiles);
    }

    public LintRequest withKeepFiles(boolean keep) {
        return new LintRequest(cwd, paths, config, dialect, target, pgVersion, runner, changedSince, stdin, keep);
    }
}
