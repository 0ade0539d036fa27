package dev.tideline.rules.plan;

import dev.tideline.analyzer.files.MigrationFiles;
import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.source.Dialect;
import dev.tideline.analyzer.source.Splitter;
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.analyzer.tx.Runner;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
     * Where numbering continues: the generated files sort after the newest migration already in the folder (so none
     * takes an existing version, and none sorts before one that may already be applied), and the plan replaces the
     * planned file, which must then be removed.
     *
     * @param newest   the newest existing migration's version as its runner writes it (Flyway {@code 12} or
     *                 {@code 2_1}, golang-migrate {@code 000007}, Prisma {@code 20240101120000}, Diesel
     *                 {@code 2024-01-01-120000}), or null when the folder has none: numbering then starts afresh
     * @param replaces the planned migrations' file (or folder) names, in order
     */
    public record Start(String newest, List<String> replaces) {
        public Start {
            replaces = List.copyOf(replaces);
        }

        private static final Pattern FLYWAY = Pattern.compile("^[Vv]([0-9][0-9._]*?)__");
        private static final Pattern DIESEL = Pattern.compile("^([0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6})_");
        private static final Pattern NUMBER = Pattern.compile("^([0-9]+)[_.-]");

        /** From the newest existing migration's name (file, or folder for Prisma and Diesel) and the replaced one's. */
        public static Start of(String newestFileOrDir, List<String> replaces) {
            return new Start(version(newestFileOrDir), replaces);
        }

        /**
         * For the planned files: numbering continues after the newest versioned migration of the first one's folder,
         * later ones included (a plan for a file that is not the newest must neither take an existing version nor
         * sort before one already applied).
         */
        public static Start forPlanned(List<Path> planned) {
            String newest = null;
            if (!planned.isEmpty()) {
                List<Path> set = MigrationFiles.setOf(planned.get(0));
                for (int i = set.size() - 1; i >= 0 && newest == null; i--) {
                    if (version(migrationName(set.get(i))) != null) newest = migrationName(set.get(i));
                }
            }
            return of(newest, planned.stream().map(Start::migrationName).toList());
        }

        /** A migration's name: its file's, or for Prisma and Diesel ({@code …/migration.sql}, {@code …/up.sql}) its folder's. */
        static String migrationName(Path file) {
            String name = file.getFileName().toString();
            boolean folder = name.equals("migration.sql") || name.equals("up.sql");
            Path parent = file.getParent();
            return folder && parent != null && parent.getFileName() != null ? parent.getFileName().toString() : name;
        }

        /** The version in a migration's file or folder name, or null when the name holds none. */
        static String version(String name) {
            if (name == null) return null;
            for (Pattern p : List.of(FLYWAY, DIESEL, NUMBER)) {
                Matcher m = p.matcher(name);
                if (m.find()) return p == FLYWAY ? m.group(1).replace('.', '_') : m.group(1);
            }
            return null;
        }
    }

    /** golang-migrate reads versions as unsigned 64-bit numbers (sqlx as signed ones) and skips or refuses larger ones. */
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** The plan's numbering, onwards from the newest migration's, would pass the largest version the runner reads. */
    public static final class VersionOutOfRange extends RuntimeException {
        VersionOutOfRange(String message) {
            super(message);
        }
    }

    private PlanLayout() {}

    public static List<PlanFile> files(Plan plan, Runner runner, Start start) {
        return files(plan, runner, start, LocalDateTime.now(ZoneOffset.UTC));
    }

    /** @param now the time a timestamp-numbered runner's first version takes when the folder has no migration yet */
    static List<PlanFile> files(Plan plan, Runner runner, Start start, LocalDateTime now) {
        Versions versions = new Versions(start.newest(), now, runner);
        List<PlanFile> out = new ArrayList<>();
        // Liquibase knows a changeset by author, id and changelog path: ids name the replaced file, so two plans differ
        String changesetPrefix = "plan-" + (start.replaces().isEmpty() ? ""
                : start.replaces().get(0).replaceAll("\\.sql$", "").replaceAll("[^A-Za-z0-9]+", "_") + "-");
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
                        String name = dir + "V" + versions.flyway(k) + "__" + slug + ".sql";
                        out.add(new PlanFile(name, header + s.sql(), r.number(), s, s.transactional()));
                        if (!s.transactional()) {
                            out.add(new PlanFile(name + ".conf", "executeInTransaction=false\n", r.number(), null, false));
                        }
                    }
                    case GOLANG_MIGRATE -> {
                        String n = versions.number(k, 6);
                        out.add(new PlanFile(dir + n + "_" + slug + ".up.sql", header + s.sql(), r.number(), s, s.transactional()));
                        out.add(new PlanFile(dir + n + "_" + slug + ".down.sql", noDown(k), r.number(), null, true));
                    }
                    case PRISMA -> {
                        if (s.transactional()) {
                            out.add(new PlanFile(dir + versions.timestamp(k, false) + "_" + slug + "/migration.sql",
                                    header + s.sql(), r.number(), s, true));
                        } else {
                            out.add(new PlanFile(dir + "manual/" + String.format(Locale.ROOT, "%03d", k) + "_" + slug + ".sql",
                                    header + "-- must run outside a transaction block, alone: Prisma sends a migration's statements together, so run this\n"
                                            + "-- file with psql (psql -f), in step order, between the numbered migrations\n"
                                            + s.sql(), r.number(), s, false));
                        }
                    }
                    case DIESEL -> {
                        String folder = dir + versions.timestamp(k, true) + "_" + slug + "/";
                        out.add(new PlanFile(folder + "up.sql", header + s.sql(), r.number(), s, s.transactional()));
                        out.add(new PlanFile(folder + "down.sql", noDown(k), r.number(), null, true));
                        if (!s.transactional()) {
                            out.add(new PlanFile(folder + "metadata.toml", "run_in_transaction = false\n", r.number(), null, false));
                        }
                    }
                    case SQLX -> out.add(new PlanFile(dir + versions.timestamp(k, false) + "_" + slug + ".sql",
                            (s.transactional() ? "" : "-- no-transaction\n") + header + s.sql(), r.number(), s, s.transactional()));
                    case GOOSE -> out.add(new PlanFile(dir + versions.number(k, 5) + "_" + slug + ".sql",
                            "-- +goose Up\n" + (s.transactional() ? "" : "-- +goose NO TRANSACTION\n")
                                    + header.replace("+goose", "+ goose") + gooseStatements(s.sql()),
                            r.number(), s, s.transactional()));
                    case LIQUIBASE -> changelog.append("-- changeset tideline:").append(changesetPrefix).append(k)
                            .append(" splitStatements:false").append(s.transactional() ? "" : " runInTransaction:false").append('\n')
                            .append(header).append(s.sql()).append('\n');
                    default -> out.add(new PlanFile(dir + versions.number(k, 3) + "_" + slug + ".sql",
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

    private static String noDown(int k) {
        return "-- tideline plan: step " + k + " has no automatic down migration; roll forward, or undo it by hand (see PLAN.md)\n";
    }

    /**
     * goose ends a statement at a line ending in a semicolon and sends each on its own: a statement holding
     * semicolons of its own (a DO body) is kept whole between StatementBegin and StatementEnd.
     */
    static String gooseStatements(String sql) {
        if (sql.contains("-- +goose StatementBegin")) return sql; // the engine wrote it for goose already
        StringBuilder out = new StringBuilder();
        for (SqlStatement st : new Splitter(Map.of(), Dialect.STATEMENTS).split(Path.of("step.sql"), sql).statements()) {
            String text = st.text().strip();
            if (text.endsWith(";")) text = text.substring(0, text.length() - 1).stripTrailing();
            boolean body = text.indexOf(';') >= 0;
            if (body) out.append("-- +goose StatementBegin\n");
            out.append(text).append(";\n");
            if (body) out.append("-- +goose StatementEnd\n");
        }
        return out.toString();
    }

    /** The versions the plan's files take, after the newest existing one and in its format. */
    private record Versions(String newest, LocalDateTime now, Runner runner) {
        private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
        private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("uuuu-MM-dd-HHmmss", Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);

        /** Flyway: {@code newest_k} sorts after {@code newest} and before the next whole version. */
        String flyway(int k) {
            return (newest == null ? "1" : newest) + "_" + k;
        }

        /**
         * A sequence number: newest + k at newest's width (or k at {@code width} for an empty folder), as large as
         * newest may be; refused over the largest version the runner reads.
         */
        String number(int k, int width) {
            if (newest == null || !newest.matches("[0-9]+")) return pad(BigInteger.valueOf(k), width);
            LocalDateTime t = time(newest, COMPACT);
            if (t != null) return COMPACT.format(t.plusSeconds(k)); // a timestamp version stays a valid time
            BigInteger n = new BigInteger(newest).add(BigInteger.valueOf(k));
            BigInteger max = runner == Runner.GOLANG_MIGRATE ? UINT64_MAX : runner == Runner.SQLX ? BigInteger.valueOf(Long.MAX_VALUE) : null;
            if (max != null && n.compareTo(max) > 0) {
                throw new VersionOutOfRange("version " + n + " is over the largest " + (runner == Runner.SQLX ? "sqlx" : "golang-migrate")
                        + " reads (" + max + "): it would skip or refuse the file; give the migrations smaller numbers");
            }
            return pad(n, newest.length());
        }

        /** A timestamp version: newest + k seconds, or now + k seconds for an empty folder; Diesel's dashed form. */
        String timestamp(int k, boolean dashed) {
            DateTimeFormatter format = dashed ? DASHED : COMPACT;
            if (newest == null) return format.format(now.plusSeconds(k));
            LocalDateTime t = time(newest, DASHED);
            if (t == null) t = time(newest, COMPACT);
            if (t != null) return (newest.indexOf('-') >= 0 ? DASHED : COMPACT).format(t.plusSeconds(k));
            return number(k, 14);
        }

        private static LocalDateTime time(String v, DateTimeFormatter f) {
            try {
                return LocalDateTime.parse(v, f);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        private static String pad(BigInteger n, int width) {
            String digits = n.toString();
            return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
        }
    }

    /** A file-name slug from the step's first statement that does the work. */
    static String slug(Step s) {
        if (s.backfill() != null) return "backfill_" + s.backfill().table().replaceAll("\\W+", "_");
        if (s.phase() == Phase.VERIFY) return "verify_gate";
        for (String line : s.sql().split("\n")) {
            String l = line.strip();
            if (!l.matches("(?i)^(ALTER|CREATE|DROP|UPDATE|INSERT|REINDEX|WITH|SELECT)\\b.*")) continue;
            if (l.matches("(?i)^(CREATE|DROP)\\s+PROCEDURE\\b.*\\btideline_.*")) continue; // the plan's own retry procedure does not name the step
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
