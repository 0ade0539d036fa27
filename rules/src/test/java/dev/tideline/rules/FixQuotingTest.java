package dev.tideline.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.AnalyzerOptions;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.rules.config.TidelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL of lint fixes keeps the migration's quoting: for a Prisma schema (mixed-case names that only exist quoted)
 * every fix names "User" and "authorId" quoted, and every complete statement of a fix runs on PostgreSQL 15.
 */
class FixQuotingTest {
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/";
    static final String BASE = """
            CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT, "name" VARCHAR(50), "createdAt" TIMESTAMP(3),
                CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
            CREATE TABLE "Post" ("id" SERIAL NOT NULL, "authorId" INTEGER, "title" TEXT, "left" TEXT,
                CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));
            CREATE MATERIALIZED VIEW "PostStats" AS SELECT "authorId" AS id, count(*) FROM "Post" GROUP BY 1;
            """;
    static final String CHANGE = """
            CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");
            ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id")
                ON DELETE RESTRICT ON UPDATE CASCADE;
            ALTER TABLE "User" ALTER COLUMN "email" SET NOT NULL;
            ALTER TABLE "User" ADD CONSTRAINT "User_name_check" CHECK (length("name") > 0);
            ALTER TABLE "Post" ADD CONSTRAINT "Post_title_key" UNIQUE ("title");
            ALTER TABLE "Post" ALTER COLUMN "left" SET NOT NULL;
            ALTER TABLE "User" ADD COLUMN "nickName" TEXT NOT NULL;
            ALTER TABLE "Post" ADD COLUMN "publishedAt" TIMESTAMP(3);
            ALTER TABLE "Post" ALTER COLUMN "title" TYPE VARCHAR(20);
            DROP INDEX "Post_authorId_idx";
            REFRESH MATERIALIZED VIEW "PostStats";
            ALTER TABLE "Post" RENAME COLUMN "title" TO "headline";
            ALTER TABLE "Post" DROP COLUMN "left";
            """;
    /** A mixed-case name written bare: PostgreSQL folds it to lower case, a relation or column that does not exist. */
    static final Pattern BARE = Pattern.compile("(?<![\"\\w])(User|Post|PostStats|authorId|createdAt|publishedAt|nickName|left)(?![\"\\w])");
    static final Pattern STATEMENT = Pattern.compile("(?m)^(ALTER|CREATE|DROP|REFRESH|REINDEX|LOCK)\\b[^;]*;");

    @TempDir
    Path dir;

    @Test
    void everyFixForAPrismaSchemaIsValidSql() throws Exception {
        Files.writeString(dir.resolve("V1__base.sql"), BASE);
        Files.writeString(dir.resolve("V2__change.sql"), CHANGE);
        Analysis analysis = new Analyzer(new AnalyzerOptions(new PgVersion(15), null, Map.of()))
                .analyze(List.of(dir.resolve("V2__change.sql")));
        LintResult lint = new Linter(TidelineConfig.defaults()).lint(analysis);
        List<Finding> withFix = lint.findings().stream().filter(f -> f.fix() != null).toList();
        assertTrue(withFix.size() >= 12, "fixes: " + withFix.stream().map(Finding::rule).toList());
        List<String> problems = new ArrayList<>();
        String db = "tideline_fixes_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(URL + "postgres", "postgres", "");
             Statement a = admin.createStatement()) {
            a.execute("CREATE DATABASE " + db);
            try {
                for (Finding f : withFix) {
                    try (Connection c = DriverManager.getConnection(URL + db, "postgres", "");
                         Statement st = c.createStatement()) {
                        st.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
                        st.execute(BASE);
                        Matcher m = STATEMENT.matcher(f.fix().replaceAll("(?m)^--.*$", ""));
                        while (m.find()) {
                            String sql = m.group();
                            Matcher bare = BARE.matcher(sql);
                            if (bare.find()) problems.add(f.rule() + ": " + bare.group() + " unquoted in " + sql);
                            if (sql.contains("<") || sql.contains("...")) continue; // a placeholder the reader fills in
                            try {
                                st.execute(sql);
                            } catch (SQLException e) {
                                problems.add(f.rule() + ": " + sql + " -> " + e.getMessage());
                            }
                        }
                    }
                }
            } finally {
                a.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
        assertFalse(!problems.isEmpty(), String.join("\n\n", problems));
    }
}
