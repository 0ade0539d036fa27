package dev.tideline.rules.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.source.Dialect;
import dev.tideline.analyzer.source.Splitter;
import dev.tideline.analyzer.tx.Runner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of layouts whose runner is not on Maven Central (goose, Diesel) and the numbering after the newest version. */
class PlanLayoutTest {
    /** A rename (trigger function and backfill: bodies full of semicolons) and a CONCURRENTLY index. */
    private static final String CHANGE = "ALTER TABLE orders RENAME COLUMN total TO amount;\n"
            + "CREATE INDEX orders_amount_idx ON orders (amount);\n";

    @TempDir
    Path dir;

    /**
     * goose ends a statement at a line ending in a semicolon, except between StatementBegin and StatementEnd: read that
     * way, every goose file must hold exactly the statements tideline's splitter finds in the step.
     */
    @Test
    void gooseSendsEachStatementWhole() throws Exception {
        Plan plan = PlanKindsTest.plan(dir, CHANGE);
        boolean sawBlock = false;
        boolean sawNoTransaction = false;
        for (PlanLayout.PlanFile f : PlanLayout.files(plan, Runner.GOOSE, PlanLayout.Start.of("00007_x.sql", List.of("00007_x.sql")))) {
            assertTrue(f.path().matches("release-[0-9]+/000[0-9]{2}_[a-z0-9_]+\\.sql"), f.path());
            String[] lines = f.content().split("\n");
            assertEquals("-- +goose Up", lines[0], f.path());
            assertEquals(!f.transactional(), f.content().contains("\n-- +goose NO TRANSACTION\n"), f.path());
            sawNoTransaction |= !f.transactional();
            List<String> gooseStatements = gooseSplit(lines);
            List<String> expected = new Splitter(Map.of(), Dialect.STATEMENTS).split(Path.of("s.sql"), f.step().sql())
                    .statements().stream().map(s -> s.text().strip().replaceAll(";$", "").strip()).toList();
            assertEquals(expected, gooseStatements, f.path() + "\n" + f.content());
            sawBlock |= f.content().contains("-- +goose StatementBegin");
        }
        assertTrue(sawBlock && sawNoTransaction, "the plan has a DO body and a non-transactional step");
    }

    /** goose's reading of an Up section (comment lines dropped, as goose drops them). */
    private static List<String> gooseSplit(String[] lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean block = false;
        for (String line : lines) {
            String t = line.strip();
            if (t.equals("-- +goose StatementBegin")) {
                block = true;
            } else if (t.equals("-- +goose StatementEnd")) {
                block = false;
                out.add(current.toString().strip().replaceAll(";$", "").strip());
                current.setLength(0);
            } else if (!t.startsWith("--") || block) {
                current.append(line).append('\n');
                if (!block && t.endsWith(";")) {
                    out.add(current.toString().strip().replaceAll(";$", "").strip());
                    current.setLength(0);
                }
            }
        }
        assertTrue(current.toString().isBlank(), "text after the last statement: " + current);
        return out;
    }

    @Test
    void dieselFoldersWithMetadataForNonTransactionalSteps() throws Exception {
        Plan plan = PlanKindsTest.plan(dir, CHANGE);
        List<PlanLayout.PlanFile> files = PlanLayout.files(plan, Runner.DIESEL,
                PlanLayout.Start.of("2024-01-03-235959_later", List.of("2024-01-02-000000_change")));
        List<String> ups = files.stream().map(PlanLayout.PlanFile::path).filter(p -> p.endsWith("/up.sql")).toList();
        assertEquals("release-1/2024-01-04-000000_", ups.get(0).substring(0, 28), "one second after the newest: " + ups);
        for (PlanLayout.PlanFile f : files) {
            if (f.step() == null) continue;
            String folder = f.path().substring(0, f.path().lastIndexOf('/') + 1);
            assertTrue(folder.matches("release-[0-9]+/[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}_[a-z0-9_]+/"), folder);
            assertTrue(files.stream().anyMatch(o -> o.path().equals(folder + "down.sql")), folder);
            boolean metadata = files.stream().anyMatch(o -> o.path().equals(folder + "metadata.toml")
                    && o.content().equals("run_in_transaction = false\n"));
            assertEquals(!f.transactional(), metadata, folder);
        }
    }

    @Test
    void versionsContinueAfterTheNewestInItsFormat() throws Exception {
        Plan plan = PlanKindsTest.plan(dir, CHANGE);
        assertTrue(first(plan, Runner.FLYWAY, "V12__later.sql").startsWith("release-1/V12_1__"));
        assertTrue(first(plan, Runner.FLYWAY, "V2.1__later.sql").startsWith("release-1/V2_1_1__"));
        assertTrue(first(plan, Runner.GOLANG_MIGRATE, "000005_later.up.sql").startsWith("release-1/000006_"));
        assertTrue(first(plan, Runner.PRISMA, "20241231235959_later").startsWith("release-1/20250101000000_"));
        assertTrue(first(plan, Runner.SQLX, "20240101120000_later.sql").startsWith("release-1/20240101120001_"));
        assertTrue(first(plan, Runner.PLAIN, "0099_later.sql").startsWith("release-1/0100_"));
        assertTrue(first(plan, Runner.GOOSE, null).startsWith("release-1/00001_"), "an empty folder starts at 1");
    }

    private static String first(Plan plan, Runner runner, String newest) {
        return PlanLayout.files(plan, runner, PlanLayout.Start.of(newest, List.of())).stream()
                .filter(f -> f.step() != null).findFirst().orElseThrow().path();
    }
}
