package dev.tideline.api.plan;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.PlanLayout;
import dev.tideline.rules.plan.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Writes the plan's migration files in a runner's layout, plus PLAN.md, into a new or empty directory. */
public final class PlanOutput {
    private PlanOutput() {}

    /** @return the files written, PLAN.md last */
    /** @param running how to run the files with this runner (PLAN.md's last section, the engine's words) */
    public static List<Path> write(Plan plan, Runner runner, PlanLayout.Start start, Path dir, String running) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) throw new IOException(dir + ": exists and is not a directory");
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) throw new IOException(dir + ": directory is not empty (choose a new one)");
            }
        }
        List<PlanLayout.PlanFile> files = PlanLayout.files(plan, runner, start);
        Map<Step, String> names = new IdentityHashMap<>();
        List<Path> written = new java.util.ArrayList<>();
        for (PlanLayout.PlanFile f : files) {
            Path p = dir.resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.content());
            written.add(p);
            if (f.step() != null) names.put(f.step(), f.path());
        }
        Files.createDirectories(dir);
        Path planMd = dir.resolve("PLAN.md");
        Files.writeString(planMd, PlanMarkdown.render(plan, names) + replaces(start) + running);
        written.add(planMd);
        return written;
    }

    /** Which migrations the plan stands for: they must leave the folder, or the runner applies both. */
    static String replaces(PlanLayout.Start start) {
        if (start.replaces().isEmpty()) return "";
        StringBuilder out = new StringBuilder("## Replaces\n\nThis plan replaces ");
        for (int i = 0; i < start.replaces().size(); i++) {
            out.append(i == 0 ? "" : ", ").append('`').append(Quoting.comment(start.replaces().get(i)).replace("`", "'")).append('`');
        }
        out.append(": remove ").append(start.replaces().size() == 1 ? "it" : "them").append(" from your migrations before"
                + " copying in release 1, and make sure ").append(start.replaces().size() == 1 ? "it is" : "they are")
                .append(" not applied anywhere (a migration that already ran cannot be replaced: plan a new one instead).");
        out.append(start.newest() == null ? " The files are numbered afresh: the folder holds no versioned migration.\n\n"
                : " The files are numbered after the newest migration in the folder (version " + start.newest() + "), so"
                        + " none takes an existing version or sorts before one that may already be applied.\n\n");
        return out.toString();
    }

    /** How to run the files with this runner, and how to resume after a failed step. */
    public static String running(Runner runner) {
        String common = "A failed step is safe to run again: steps use IF [NOT] EXISTS or check the catalog first, and a"
                + " backfill skips rows already done. If a CONCURRENTLY build fails, run again from the DROP INDEX"
                + " CONCURRENTLY step just before it (it removes the INVALID index the failed build left).\n";
        String how = switch (runner) {
            case FLYWAY -> "Copy each `release-N/` directory's files into your Flyway location when that release ships."
                    + " Files with a `.conf` companion (`executeInTransaction=false`) run outside a transaction. Run"
                    + " Flyway with `postgresql.transactional.lock=false` (`flyway.postgresql.transactional.lock`):"
                    + " Flyway's default lock is held in a transaction open for the whole run, and a CREATE INDEX"
                    + " CONCURRENTLY step waits for it forever.\n";
            case GOLANG_MIGRATE -> "Copy each `release-N/` directory's files into your migrations directory when that"
                    + " release ships. Files that must run outside a transaction hold a single statement, which"
                    + " golang-migrate sends on its own. After a failure, `migrate force` to the version before the"
                    + " failed step and run `up` again.\n";
            case PRISMA -> "Copy each `release-N/` directory's migration folders into `prisma/migrations` when that release"
                    + " ships. Prisma runs a migration in a transaction, so steps under `manual/` (CONCURRENTLY, batched"
                    + " backfills) are run with `psql -f` at their place in the step order.\n";
            case SQLX -> "Copy each `release-N/` directory's files into `migrations/` when that release ships; files"
                    + " starting with `-- no-transaction` run outside a transaction.\n";
            case LIQUIBASE -> "Include each `release-N/changelog-release-N.sql` in your changelog when that release ships;"
                    + " changesets marked `runInTransaction:false` run outside a transaction.\n";
            case GOOSE -> "Copy each `release-N/` directory's files into your goose migrations directory when that release"
                    + " ships; files marked `-- +goose NO TRANSACTION` run outside a transaction, and each statement"
                    + " holding semicolons of its own sits between `StatementBegin` and `StatementEnd`.\n";
            case DIESEL -> "Copy each `release-N/` directory's migration folders into `migrations/` when that release"
                    + " ships; folders with a `metadata.toml` (`run_in_transaction = false`) run outside a transaction.\n";
            default -> "Run each `release-N/` directory's files in name order with `psql -v ON_ERROR_STOP=1 -f FILE`"
                    + " when that release ships; transactional steps carry their own BEGIN/COMMIT.\n";
        };
        return "## Running the files\n\n" + how + "\n" + common;
    }
}
