package dev.tideline.cli;

import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.api.Linted;
import dev.tideline.api.PlanRequest;
import dev.tideline.api.Planned;
import dev.tideline.api.Tideline;
import dev.tideline.api.plan.PlanJson;
import dev.tideline.api.plan.PlanMarkdown;
import dev.tideline.api.plan.PlanOutput;
import dev.tideline.api.plan.PlanText;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.PlanLayout;
import dev.tideline.rules.stats.PlanSizes;
import dev.tideline.rules.stats.SizeRisk;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tideline plan}: the risky changes of a migration as a sequence of safe releases. */
@Command(name = "plan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Turns the risky changes of migration files into an expand -> backfill -> contract plan: numbered",
                "releases, each with its database steps (lock_timeout, CONCURRENTLY outside transactions, NOT VALID",
                "then VALIDATE, batched backfills, bounded retries), the application change it needs and the gate",
                "before the next release. Earlier migrations are replayed for the schema model.",
                "MySQL/MariaDB (--target mysql:8.0 / mariadb:10.11): explicit ALGORITHM/LOCK clauses, lock_wait_timeout with",
                "a retry procedure on error 1205, one DDL per file, gh-ost/Spirit/pt-online-schema-change for copies.",
                "--out writes the steps as migration files in the runner's layout, plus PLAN.md.",
                "",
                "Exit status: 0 plan written, 2 usage, configuration or input error."},
        footer = {"", "Examples:",
                "  tideline plan db/migrations/V12__rename_email.sql",
                "  tideline plan --format json db/migrations/V12__rename_email.sql",
                "  tideline plan --out plan/ --runner golang-migrate migrations/000012_widen_ids.up.sql",
                "  tideline plan --target mysql:8.0.31 --out plan/ db/migration/V42__changes.sql"})
final class PlanCommand implements Callable<Integer> {
    enum PlanFormat { TEXT, JSON, MARKDOWN }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: text, json, markdown (default: ${DEFAULT-VALUE}).")
    PlanFormat format;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the releases as migration files in the runner's layout, plus PLAN.md, into DIR"
                    + " (new or empty).")
    Path out;

    @Mixin
    MigrationInputs inputs;

    @Mixin
    StatsOptions stats;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "2s",
            description = "lock_timeout of every lock-taking step (default: ${DEFAULT-VALUE}).")
    String lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "15s",
            description = "statement_timeout of short DDL steps (default: ${DEFAULT-VALUE}); scans and backfills get none.")
    String statementTimeout;

    @Option(names = "--no-retry", description = "Do not wrap lock-taking steps in a retry loop (your runner retries).")
    boolean noRetry;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "10",
            description = "Tries of the retry loop, 1 to " + PlanRequest.MAX_RETRIES + " (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "5000",
            description = "Rows per backfill batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--pause", paramLabel = "DURATION", defaultValue = "100ms",
            description = "Pause between backfill batches (default: ${DEFAULT-VALUE}).")
    String pause;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Planned planned = Tideline.plan(new PlanRequest(inputs.request(cwd, true), Durations.millis("--lock-timeout", lockTimeout),
                Durations.millis("--statement-timeout", statementTimeout), !noRetry, retries, batchSize, Durations.millis("--pause", pause)));
        Linted loaded = planned.linted();
        PrintWriter err = spec.commandLine().getErr();
        for (Diagnostic d : loaded.problems()) {
            err.println(d.file() + (d.line() > 0 ? ":" + d.line() + (d.column() > 0 ? ":" + d.column() : "") : "") + ": "
                    + d.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + d.message());
        }
        LintResult lint = loaded.result();
        Plan plan = planned.plan();
        SizeRisk sizes = stats.read(lint.analysis());
        if (sizes != null) plan = PlanSizes.annotate(plan, sizes);

        if (out != null) {
            Runner runner = planned.runner();
            List<Path> written;
            try {
                written = PlanOutput.write(plan, runner, planned.start(), out, planned.runningText());
            } catch (IOException e) {
                throw new Main.UserError("--out " + e.getMessage(), e);
            } catch (PlanLayout.VersionOutOfRange e) {
                throw new Main.UserError("--out: " + e.getMessage(), e);
            }
            err.println("tideline plan: wrote " + written.size() + " file(s) for " + Main.lower(runner) + " to " + out);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        switch (format) {
            case JSON -> stdout.print(PlanJson.render(plan));
            case MARKDOWN -> stdout.print(PlanMarkdown.render(plan, Map.of()));
            default -> PlanText.write(plan, stdout);
        }
        stdout.flush();
        return loaded.hasInputErrors() ? Main.USAGE_OR_IO_ERROR : 0;
    }
}
