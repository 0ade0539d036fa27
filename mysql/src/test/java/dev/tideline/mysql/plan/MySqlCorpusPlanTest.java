package dev.tideline.mysql.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tideline.analyzer.files.MigrationFiles;
import dev.tideline.analyzer.source.GooseSections;
import dev.tideline.mysql.servers.RunningServer;
import dev.tideline.mysql.servers.ScratchDatabase;
import dev.tideline.mysql.servers.ServerKind;
import dev.tideline.mysql.servers.Servers;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.PlanLayout;
import dev.tideline.rules.plan.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The MySQL corpus migration by migration, each through its plan: every file is planned with the files before it
 * replayed and its plan's files are run on a scratch database of a real server, in order (a step an online
 * schema-change tool runs is applied as the tool would leave the table). Counts the risky migrations (a plan that
 * changes anything) whose plans the server accepts, explicit ALGORITHM/LOCK clauses included, and that end in the same
 * columns as the migration as written on a twin database. The default build runs four projects on MariaDB 10.11 and
 * two on MySQL 8.0.31; {@code -Pmysql-plans} every project on both.
 */
class MySqlCorpusPlanTest {
    private static final Pattern OTHER_DATABASE = Pattern.compile("(?im)\\b(CREATE|DROP)\\s+(DATABASE|SCHEMA)\\b|^\\s*USE\\s");
    private static final boolean FULL = Boolean.getBoolean("tideline.mysql.plans.full");
    private static final Pattern TOOL = Pattern.compile("pt-online-schema-change --alter ('(?:[^']|'\\\\'')*') D='[^']*',t=('(?:[^']|'\\\\'')*')");

    @Test
    void riskyMigrationsPlanAndApplyOnMariaDb() throws Exception {
        check(ServerKind.MARIADB_SYSTEM, FULL ? Integer.MAX_VALUE : 4);
    }

    @Test
    void riskyMigrationsPlanAndApplyOnMySql8031() throws Exception {
        check(ServerKind.MYSQL_8_0_31, FULL ? Integer.MAX_VALUE : 2);
    }

    /**
     * @param stops migrations the server refused as written (on the twin: another vendor's syntax, a table an
     *              earlier refused migration did not make), and migrations of their own databases, which are not run
     */
    private record Tally(int risky, int applied, int tool, int files, List<String> failures, List<String> stops) {}

    private static void check(ServerKind kind, int maxProjects) throws Exception {
        Path corpus = corpus();
        assumeTrue(corpus != null, "shared/corpus/mysql not found");
        RunningServer server = Servers.get(kind);
        List<Path> projects;
        try (Stream<Path> s = Files.list(corpus)) {
            projects = s.filter(Files::isDirectory).sorted().limit(maxProjects).toList();
        }
        int risky = 0;
        int applied = 0;
        int tool = 0;
        int files = 0;
        List<String> failures = new ArrayList<>();
        List<String> stops = new ArrayList<>();
        for (Path project : projects) {
            for (MigrationFiles.MigrationSet set : MigrationFiles.collect(List.of(project)).sets()) {
                Tally t = set(server, set);
                risky += t.risky();
                applied += t.applied();
                tool += t.tool();
                files += t.files();
                failures.addAll(t.failures());
                stops.addAll(t.stops());
            }
        }
        System.out.printf("MySQL corpus plans on %s (%s): %d projects, %d migrations run through their plans; %d risky, %d plans"
                        + " applied with the schema the migration meant (%d with a step for an online schema-change tool), %d failed;"
                        + " %d migrations refused as written or not run:%n",
                kind.id(), server.version(), projects.size(), files, risky, applied, tool, failures.size(), stops.size());
        failures.forEach(f -> System.out.println("  failed: " + f));
        stops.forEach(f -> System.out.println("  stopped: " + f));
        assertTrue(risky > 0, "the corpus has risky migrations");
        assertTrue(applied * 10 >= risky * 9, applied + " of " + risky + " risky plans applied: " + failures);
    }

    /**
     * One migration set file by file on two fresh databases: the twin runs each migration as written, the other its
     * plan; a risky migration's plan must leave the same tables and columns as the migration. A migration the twin
     * refuses says nothing about plans: both databases run it as written up to the refused statement. Ends at the first
     * failed plan.
     */
    private static Tally set(RunningServer server, MigrationFiles.MigrationSet set) throws Exception {
        int risky = 0;
        int applied = 0;
        int tool = 0;
        int files = 0;
        List<String> failures = new ArrayList<>();
        List<String> stops = new ArrayList<>();
        String dialect = server.isMariaDb() ? "mariadb" : "mysql";
        String version = server.isMariaDb() ? "10.11" : "8.0.31";
        try (ScratchDatabase twinDb = server.scratchDatabase(); ScratchDatabase planDb = server.scratchDatabase();
             Connection twin = twinDb.connect(); Connection c = planDb.connect()) {
            for (MigrationFiles.Entry e : set.entries()) {
                String name = String.valueOf(set.root().relativize(e.file()));
                String asWritten = GooseSections.upOnly(Files.readString(e.file()));
                if (OTHER_DATABASE.matcher(asWritten).find()) {
                    stops.add(name + ": creates, drops or uses a database of its own (not run: it would leave the scratch databases)");
                    continue;
                }
                try {
                    PlanRun.run(twin, asWritten, server.isMariaDb());
                } catch (SQLException ex) {
                    // refused as written: both databases take the same statements up to the refused one, and go on
                    stops.add(name + ": " + ex.getErrorCode() + " " + firstLine(ex.getMessage()));
                    try {
                        PlanRun.run(c, asWritten, server.isMariaDb());
                    } catch (SQLException same) {
                        // the same statement fails on the plan's database
                    }
                    continue;
                }
                Plan plan = PlanRun.plan(dialect, version, set.root(), e.file(), PlanRun.SETTINGS);
                boolean isRisky = plan.releases().stream().flatMap(r -> r.steps().stream()).anyMatch(s -> !s.keptAsWritten());
                boolean usesTool = false;
                String at = null;
                try {
                    for (PlanLayout.PlanFile f : PlanRun.files(plan)) {
                        at = f.path();
                        Matcher m = TOOL.matcher(f.content());
                        if (m.find()) {
                            usesTool = true;
                            PlanRun.run(c, "ALTER TABLE " + unquote(m.group(2), '`') + " " + unquote(m.group(1), '\0'), server.isMariaDb());
                        } else {
                            PlanRun.run(c, f.content(), server.isMariaDb());
                        }
                    }
                } catch (SQLException ex) {
                    failures.add(name + " " + at + ": " + ex.getErrorCode() + " " + firstLine(ex.getMessage()));
                    return new Tally(risky + (isRisky ? 1 : 0), applied, tool, files, failures, stops);
                }
                files++;
                if (!isRisky) continue;
                risky++;
                String twinColumns = columns(twin);
                String planColumns = columns(c);
                if (!twinColumns.equals(planColumns)) {
                    failures.add(name + ": the plan left other columns than the migration:\n    as written: " + twinColumns
                            + "\n    plan:       " + planColumns);
                    return new Tally(risky, applied, tool, files, failures, stops);
                }
                applied++;
                if (usesTool) tool++;
            }
        }
        return new Tally(risky, applied, tool, files, failures, stops);
    }

    /** Every table's columns with type and nullability, sorted (a plan's expand step adds a renamed column last). */
    private static String columns(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE,"
                + " IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()")) {
            while (rs.next()) out.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
        }
        java.util.Collections.sort(out);
        return String.join(", ", out);
    }

    /** A shell word in single quotes as {@code OnlineCopy} writes it, as text; {@code quote} other than NUL wraps it. */
    private static String unquote(String word, char quote) {
        String text = word.substring(1, word.length() - 1).replace("'\\''", "'");
        return quote == '\0' ? text : quote + text.replace("`", "``") + quote;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    static Path corpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/mysql");
            if (Files.isDirectory(candidate)) return candidate;
        }
        return null;
    }
}
