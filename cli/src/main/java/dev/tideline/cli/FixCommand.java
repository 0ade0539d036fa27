package dev.tideline.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.tideline.api.Linted;
import dev.tideline.api.Tideline;
import dev.tideline.cli.Main.UserError;
import dev.tideline.cli.fix.AppliedMigrations;
import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Severity;
import dev.tideline.rules.TextFix;
import dev.tideline.rules.edit.FileChanges;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tideline fix}: applies the findings' mechanical safe forms in place, then lints the result. */
@Command(name = "fix",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Applies the safe form of every finding that has a mechanical one (CONCURRENTLY outside the runner's",
                "transaction, NOT VALID + a later VALIDATE, CHECK-first SET NOT NULL, lock_timeout preludes, IF NOT EXISTS,",
                "type choices) to the migration files in place, then lints them again.",
                "",
                "A migration the runner already applied is never edited: with --db, files that flyway_schema_history",
                "(script or checksum) or databasechangelog list are refused. Without --db tideline cannot tell: use",
                "--changed-since <base branch> so only the migrations your branch adds are fixed.",
                "",
                "Exit status: 0 no error findings left, 1 error findings left, 2 usage, configuration or input error."},
        footer = {"", "Examples:",
                "  tideline fix --dry-run db/migrations",
                "  tideline fix --changed-since origin/main --rule create-index-non-concurrent db/migrations",
                "  tideline fix --db 'jdbc:postgresql://localhost/app?user=deploy' db/migrations"})
final class FixCommand implements Callable<Integer> {
    /** Fixes can touch the same text (serial → bigserial → identity): each round applies those that do not clash. */
    private static final int MAX_ROUNDS = 5;

    @Option(names = "--dry-run", description = "Print the changes as a unified diff; write nothing.")
    boolean dryRun;

    @Option(names = "--rule", paramLabel = "ID", split = ",", description = "Only fixes of these rules (repeatable).")
    Set<String> rules = new LinkedHashSet<>();

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "The database the migrations deploy to: files its runner history lists are not edited.")
    String db;

    @Mixin
    MigrationInputs inputs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AppliedMigrations applied = applied();
        Map<Path, String> refused = new HashMap<>();
        Map<Path, String> original = new HashMap<>();
        int fixed = 0;
        LintResult result = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            result = lint(cwd);
            List<TextFix> wanted = new ArrayList<>();
            Set<String> statements = new HashSet<>();
            for (Finding f : bySeverity(result.findings())) {
                if (f.textFix() == null || !rules.isEmpty() && !rules.contains(f.rule())) continue;
                if (refusal(applied, f, refused).isPresent()) continue;
                // one fix per statement a round: the next lint says whether another is still needed (CONCURRENTLY
                // makes the lock_timeout prelude moot)
                if (statements.add(f.file() + ":" + f.line() + ":" + f.column())) wanted.add(f.textFix());
            }
            List<TextFix> chosen = FileChanges.compatible(wanted);
            if (chosen.isEmpty()) break;
            List<FileChanges.Change> changes = FileChanges.of(chosen);
            for (FileChanges.Change c : changes) original.putIfAbsent(c.file(), c.before());
            fixed += chosen.size();
            if (dryRun) {
                for (FileChanges.Change c : changes) out.print(diff(cwd, c));
                if (chosen.size() < wanted.size()) err.println("tideline fix: more fixes apply once these are made");
                break;
            }
            FileChanges.write(changes);
        }
        refused.forEach((file, why) -> err.println("tideline fix: not editing " + display(cwd, file) + ": " + why));
        if (dryRun) {
            err.println("tideline fix: " + fixed + " fix(es) would be applied (dry run, nothing written)");
            return 0;
        }
        if (fixed > 0) result = lint(cwd);
        for (Path file : original.keySet()) out.println((original.get(file) == null ? "created " : "fixed   ") + display(cwd, file));
        long errors = result.count(Severity.ERROR);
        err.println("tideline fix: applied " + fixed + " fix(es); " + result.findings().size() + " finding(s) left ("
                + errors + " error(s)), run tideline lint to see them");
        return errors > 0 ? 1 : 0;
    }

    private static List<Finding> bySeverity(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(java.util.Comparator.comparing(Finding::severity));
        return sorted;
    }

    private LintResult lint(Path cwd) throws IOException {
        Linted linted = Tideline.lint(inputs.request(cwd, false));
        if (!linted.problems().isEmpty() && linted.problems().stream().anyMatch(d -> d.severity().name().equals("ERROR"))) {
            throw new UserError("cannot fix: " + linted.problems().get(0).message());
        }
        return linted.result();
    }

    private AppliedMigrations applied() {
        if (db == null) return null;
        try {
            return AppliedMigrations.read(db);
        } catch (SQLException e) {
            throw new UserError("--db: cannot read the runner's history: " + e.getMessage(), e);
        }
    }

    /** Why a finding's files must not be edited (a runner applied one), remembered per file. */
    private static Optional<String> refusal(AppliedMigrations applied, Finding f, Map<Path, String> refused) throws IOException {
        if (applied == null) return Optional.empty();
        for (var e : f.textFix().edits()) {
            if (e.creates()) continue;
            if (refused.containsKey(e.file())) return Optional.of(refused.get(e.file()));
            Optional<String> why = applied.reason(e.file());
            if (why.isPresent()) {
                refused.put(e.file(), why.get());
                return why;
            }
        }
        return Optional.empty();
    }

    private static String diff(Path cwd, FileChanges.Change c) {
        String name = display(cwd, c.file());
        List<String> before = c.before() == null ? List.of() : c.before().lines().toList();
        List<String> after = c.after().lines().toList();
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(c.before() == null ? "/dev/null" : "a/" + name, "b/" + name,
                before, DiffUtils.diff(before, after), 3);
        return String.join("\n", lines) + "\n";
    }

    private static String display(Path cwd, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
