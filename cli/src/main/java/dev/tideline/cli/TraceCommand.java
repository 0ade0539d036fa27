package dev.tideline.cli;

import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.api.LintRequest;
import dev.tideline.api.Tideline;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.trace.TraceException;
import dev.tideline.trace.TraceResult;
import dev.tideline.trace.TraceRun;
import dev.tideline.trace.Tracer;
import dev.tideline.trace.report.TraceRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tideline trace}: runs migrations on a real PostgreSQL and compares what happened with the lock model. */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Runs the migrations on a real PostgreSQL and records, per statement, the locks taken (pg_locks),"
                        + " the tables rewritten (relfilenode), time and failures, next to what the analyzer predicted.",
                "",
                "By default on an embedded PostgreSQL of the target version, in a temporary directory removed afterwards."
                        + " Earlier migration files are replayed first; the named files are traced the way their runner"
                        + " runs them.",
                "",
                "Exit: 0 trace complete and the lock model agrees, 1 trace complete with disagreements (so CI can gate"
                        + " on them), 2 usage error, unreachable server or failing migration."},
        footer = {"", "Examples:",
                "  tideline trace samples/flyway-shop/V10__widen_order_ids.sql",
                "  tideline trace --pg-version 12 --rows 100000 samples/flyway-shop",
                "  tideline trace --db 'jdbc:postgresql://localhost:5432/app?user=me' --in-place migrations/V42__x.sql",
                "Credentials: from the URL, PGPASSWORD or ~/.pgpass; never printed."})
final class TraceCommand implements Callable<Integer> {
    enum Format { text, json, html }

    /** The trace ran, and what PostgreSQL did differs from what the lock model predicted. */
    static final int DISAGREEMENTS = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Trace on this server instead: in a scratch database created and dropped, written by a role made for the run"
                    + " (no superuser, CREATEROLE or CREATEDB: the server stays unchanged), or, with --in-place, in this database.")
    String db;

    @Option(names = "--in-place",
            description = "With --db: trace inside the named database in one transaction that is always rolled back (earlier files are not replayed).")
    boolean inPlace;

    @Option(names = "--lock-timeout", paramLabel = "DURATION",
            description = "With --in-place: how long a statement may wait for a lock your application holds, then fails (default 5s; e.g. 500ms, 2min).")
    String lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION",
            description = "With --in-place: how long one statement may run while the transaction holds its locks (default 60s).")
    String statementTimeout;

    @Option(names = "--pg-version", paramLabel = "N",
            description = "PostgreSQL major version, 12 to 18 (default: tideline.yaml's, else 16; with --db the server's).")
    Integer pgVersion;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "0",
            description = "Fill every table with N synthetic rows before the traced files, so durations mean something.")
    long rows;

    @Option(names = "--runner", paramLabel = "R", converter = MigrationInputs.RunnerConverter.class,
            description = "Migration runner (default: detected): flyway, liquibase, golang-migrate, prisma, diesel, sqlx, goose, psql, plain.")
    Runner runner;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or html (default: text).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--config", paramLabel = "FILE", description = "tideline.yaml to use (default: found from the current directory up).")
    Path config;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Migration files or directories to trace.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (inPlace && db == null) throw new Main.UserError("--in-place needs --db JDBC_URL");
        if (!inPlace && (lockTimeout != null || statementTimeout != null)) {
            throw new Main.UserError("--lock-timeout and --statement-timeout bound an --in-place trace");
        }
        if (rows < 0) throw new Main.UserError("--rows must be 0 or more");
        for (Path p : paths) if (!Files.exists(p)) throw new Main.UserError(p + ": no such file or directory");
        Path cwd = Path.of("").toAbsolutePath();
        LintRequest request = new LintRequest(cwd, paths.stream().map(Path::toString).toList(), config, null, null,
                pgVersion, runner, null, null, true);
        Tideline.requirePostgres(request, "trace");
        TidelineConfig cfg = Tideline.settings(request);
        TidelineConfig base = cfg;
        List<Path> inputs = paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        int embeddedMajor = cfg.pgVersion().major();
        PrintStream messages = new PrintStream(new WriterOutputStream(err), true, StandardCharsets.UTF_8);
        ProgressBar progress = System.console() != null ? new ProgressBar(System.err) : null;
        TraceResult result;
        try {
            result = TraceRun.run(new TraceRun.Options(db, inPlace, embeddedMajor, System.getenv(), messages,
                    lockTimeout, statementTimeout), server -> {
                PgVersion version = pgVersion == null && db != null ? Tideline.pgVersion(server.major()) : base.pgVersion();
                LintResult linted = Tideline.lintForServer(base, inputs, version, server.timeZone());
                return new Tracer.Request(linted.analysis(), inPlace, rows, linted.findings(), cwd);
            }, progress == null ? (done, total, where) -> {} : progress);
        } catch (TraceException e) {
            throw new Main.UserError(e.getMessage());
        } finally {
            if (progress != null) progress.clear();
        }
        String rendered = switch (format) {
            case text -> TraceRenderer.text(result);
            case json -> TraceRenderer.json(result);
            case html -> TraceRenderer.html(result);
        };
        write(rendered);
        if (result.failure() != null) {
            err.println("tideline trace: migration failed at " + result.failure());
            return Main.USAGE_OR_IO_ERROR;
        }
        if (result.disagreements() > 0) {
            err.println("tideline trace: " + result.disagreements() + " disagreement" + (result.disagreements() == 1 ? "" : "s")
                    + " with the lock model (each is a tideline bug: please report it)");
            return DISAGREEMENTS;
        }
        return 0;
    }

    private void write(String rendered) {
        if (output == null) {
            spec.commandLine().getOut().print(rendered);
            spec.commandLine().getOut().flush();
            return;
        }
        try {
            Files.writeString(output, rendered, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Main.UserError(output + ": cannot write: " + e.getMessage());
        }
    }

    /** Lets the trace module's messages (downloads) go to picocli's error writer. */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final PrintWriter writer;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        WriterOutputStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') flush();
        }

        @Override
        public void flush() {
            writer.print(line.toString(StandardCharsets.UTF_8));
            writer.flush();
            line.reset();
        }
    }
}
