package dev.tideline.mysql.plan;

import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.lex.MySqlLexis;
import dev.tideline.mysql.lex.MySqlSplitter;
import dev.tideline.mysql.lint.MySqlEngine;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.rules.engine.LintRequest;
import dev.tideline.rules.engine.Target;
import dev.tideline.rules.engine.Targeting;
import dev.tideline.rules.plan.EnginePlanner;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.PlanLayout;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/** Plans migrations as {@code tideline plan} does and runs SQL files as the mysql client does (DELIMITER included). */
final class PlanRun {
    static final EnginePlanner.Settings SETTINGS = new EnginePlanner.Settings(1000, true, 30, 500, 0);

    private PlanRun() {}

    /**
     * The plan of {@code planned} (the other files of its folder replayed first).
     *
     * @param dialect mysql or mariadb
     */
    static Plan plan(String dialect, String version, Path folder, Path planned, EnginePlanner.Settings settings) {
        MySqlEngine engine = new MySqlEngine();
        Target target = engine.target(dialect, version);
        TidelineConfig config = TidelineConfig.defaults();
        Set<Path> only = planned == null ? null : Set.of(real(planned));
        LintRequest request = new LintRequest(config, List.of(folder), null, new Targeting(config, only), true);
        return engine.planner().orElseThrow().plan(target, request, settings, Runner.PLAIN).plan();
    }

    /** The plan's files in the plain layout, in the order they run. */
    static List<PlanLayout.PlanFile> files(Plan plan) {
        return PlanLayout.files(plan, Runner.PLAIN, new PlanLayout.Start(null, List.of())).stream()
                .filter(f -> f.step() != null).toList();
    }

    /** Runs a file's statements one by one on {@code c}, as {@code mysql < file} does. */
    static void run(Connection c, String sql, boolean mariaDb) throws SQLException {
        MySqlVersion v = mariaDb ? MySqlVersion.DEFAULT_MARIADB : MySqlVersion.DEFAULT_MYSQL;
        MySqlSplitter splitter = new MySqlSplitter(new MySqlLexis(true, false, v.commentNumber(), v.isMariaDb()));
        try (Statement st = c.createStatement()) {
            for (SqlStatement s : splitter.split(Path.of("plan.sql"), sql).statements()) st.execute(s.text());
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            return p.toAbsolutePath();
        }
    }
}
