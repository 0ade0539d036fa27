package dev.tideline.rules.plan;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.tx.Runner;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan as migration files in a runner's layout, one directory per release ({@code release-N/}): one step per
 * file, so a non-transactional step (CONCURRENTLY, a batched backfill committing per batch) is alone in its file
 * and the runner runs it outside a transaction.
 */
public final class PlanLayout {
    /**
     * @param path          relative path, with {@code /} separators
     * @param step          the step written, or null for a runner's companion file (Flyway .conf, golang-migrate down)
     * @param transactional false when the runner must run the file outside a transaction
     */
    public record PlanFile(String path, String content, int release, Step step, boolean transactional) {}

    /**
     * Where numbering starts: the version of the migration the plan replaces (Flyway {@code 7} or {@code 2.1},
     * golang-migrate {@code 000007}, Prisma {@code 20240101120000}), or null to start at 1.
     */
    public record Start(String version) {
        public static Start of(String migrationFileOrDir) {
            if (migrationFileOrDir == null) return new Start(null);
            Matcher flyway = Pattern.compile("^[Vv]([0-9][0-9._]*)__").matcher(migrationFileOrDir);
            if (flyway.find()) return new Start(flyway.group(1).replace('.', '_'));
            Matcher number = Pattern.compile("^([0-9]+)[_-]").matcher(migrationFileOrDir);
            return new Start(number.find() ? number.group(1) : null);
        }
    }

    /** golang-migrate reads versions as unsigned 64-bit numbers (sqlx as signed ones) and skips or refuses larger ones. */
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** The plan's numbering, onwards from the replaced migration's, would pass the largest version the runner reads. */
    public static final class VersionOutOfRange extends RuntimeException {
        VersionOutOfRange(String message) {
            super(message);
        }
    }

    private PlanLayout() {}

    /** The runners with a layout of their own; others get the plain layout (numbered files, explicit BEGIN/COMMIT). */
    public static boolean hasLayout(Runner runner) {
        return runner == Runner.FLYWAY || runner == Runner.GOLANG_MIGRATE || runner == Runner.PRISMA
                || runner == Runner.SQLX || runner == Runner.LIQUIBASE || runner == Runner.PLAIN || runner == Runner.PSQL;
    }

    public static List<PlanFile> files(Plan plan, Runner runner, Start start) {
        List<PlanFile> out = new ArrayList<>();
        int k = 0;
        for (Release r : plan.releases()) {
            String dir = "release-" + r.number() + "/";
            StringBuilder changelog = new StringBuilder("-- liquibase formatted sql\n\n");
            for (Step s : r.steps()) {
                k++;
                String slug = slug(s);
                String header = "-- tideline plan, release " + r.number() + ", step " + k + " (" + s.phase().id() + "): "
                        + Quoting.comment(oneLine(s.reason())) + "\n"
                        + (s.locks().isEmpty() ? "" : "-- locks: " + Quoting.comment(String.join("; ", s.locks())) + "\n")
                        + (s.transactional() ? "" : "-- runs outside a transaction block\n");
                switch (runner == null ? Runner.PLAIN : runner) {
                    case FLYWAY -> {
                        String name = dir + "V" + version(start, k, "_") + "__" + slug + ".sql";
                        out.add(new PlanFile(name, header + s.sql(), r.number(), s, s.transactional()));
                        if (!s.transactional()) {
                            out.add(new PlanFile(name + ".conf", "executeInTransaction=false\n", r.number(), null, false));
                        }
                    }
                    case GOLANG_MIGRATE -> {
                        String n = number(start, k, 6, Runner.GOLANG_MIGRATE);
                        out.add(new PlanFile(dir + n + "_" + slug + ".up.sql", header + s.sql(), r.number(), s, s.transactional()));
                        out.add(new PlanFile(dir + n + "_" + slug + ".down.sql", "-- tideline plan: step " + k
                                + " has no automatic down migration; roll forward, or undo it by hand (see PLAN.md)\n",
                                r.number(), null, true));
                    }
                    case PRISMA -> {
                        if (s.transactional()) {
                            out.add(new PlanFile(dir + number(start, k, 14, runner) + "_" + slug + "/migration.sql", header + s.sql(),
                                    r.number(), s, true));
                        } else {
                            out.add(new PlanFile(dir + "manual/" + String.format(Locale.ROOT, "%03d", k) + "_" + slug + ".sql",
                                    header + "-- must run outside a transaction block, alone: Prisma sends a migration's statements together, so run this\n"
                                            + "-- file with psql (psql -f), in step order, between the numbered migrations\n"
                                            + s.sql(), r.number(), s, false));
                        }
                    }
                    case SQLX -> out.add(new PlanFile(dir + number(start, k, 14, runner) + "_" + slug + ".sql",
                            (s.transactional() ? "" : "-- no-transaction\n") + header + s.sql(), r.number(), s, s.transactional()));
                    case LIQUIBASE -> changelog.append("-- changeset tideline:plan-").append(k)
                            .append(" splitStatements:false").append(s.transactional() ? "" : " runInTransaction:false").append('\n')
                            .append(header).append(s.sql()).append('\n');
                    default -> out.add(new PlanFile(dir + String.format(Locale.ROOT, "%03d", k) + "_" + slug + ".sql",
                            header + (s.transactional() ? "BEGIN;\n" + s.sql() + "COMMIT;\n" : s.sql()), r.number(), s,
                            s.transactional()));
                }
            }
            if (runner == Runner.LIQUIBASE && !r.steps().isEmpty()) {
                out.add(new PlanFile(dir + "changelog-release-" + r.number() + ".sql", changelog.toString(), r.number(), null, true));
            }
        }
        return out;
    }

    private static String version(Start start, int k, String sep) {
        return (start.version() == null ? "1" : start.version()) + sep + k;
    }

    /**
     * base + k - 1, zero-padded to the base's width (the plan takes the replaced migration's number onwards), as
     * large as the base may be; refused over the largest version the runner reads.
     */
    private static String number(Start start, int k, int width, Runner runner) {
        String base = start.version() == null || !start.version().matches("[0-9]+") ? null : start.version();
        BigInteger n = base == null ? BigInteger.valueOf(k) : new BigInteger(base).add(BigInteger.valueOf(k - 1));
        BigInteger max = runner == Runner.GOLANG_MIGRATE ? UINT64_MAX : runner == Runner.SQLX ? BigInteger.valueOf(Long.MAX_VALUE) : null;
        if (max != null && n.compareTo(max) > 0) {
            throw new VersionOutOfRange("version " + n + " is over the largest " + (runner == Runner.SQLX ? "sqlx" : "golang-migrate")
                    + " reads (" + max + "): it would skip or refuse the file; give the migration a smaller number");
        }
        String digits = n.toString();
        int w = base == null ? width : base.length();
        return "0".repeat(Math.max(0, w - digits.length())) + digits;
    }

    /** A file-name slug from the step's first statement that does the work. */
    static String slug(Step s) {
        if (s.backfill() != null) return "backfill_" + s.backfill().table().replaceAll("\\W+", "_");
        if (s.phase() == Phase.VERIFY) return "verify_gate";
        for (String line : s.sql().split("\n")) {
            String l = line.strip();
            if (!l.matches("(?i)^(ALTER|CREATE|DROP|UPDATE|INSERT|REINDEX|WITH|SELECT)\\b.*")) continue;
            String words = l.replaceAll("(?i)\\b(IF NOT EXISTS|IF EXISTS|CONCURRENTLY|OR REPLACE|TABLE|COLUMN|ONLY)\\b", " ")
                    .replaceAll("[^A-Za-z0-9_]+", " ").strip();
            String[] parts = words.split("\\s+");
            StringBuilder sb = new StringBuilder(s.phase().id());
            for (int i = 0; i < Math.min(parts.length, 5); i++) sb.append('_').append(parts[i].toLowerCase(Locale.ROOT));
            String out = sb.toString();
            return out.length() > 60 ? out.substring(0, 60) : out;
        }
        return s.phase().id() + "_step";
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ");
    }
}
