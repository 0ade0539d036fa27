package dev.tideline.analyzer.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationFilesTest {
    @TempDir
    Path dir;

    private List<String> names(MigrationFiles.MigrationSet set) {
        return set.entries().stream().map(e -> dir.relativize(e.file()).toString()).toList();
    }

    private void touch(String... names) throws Exception {
        for (String n : names) {
            Path p = dir.resolve(n);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "SELECT 1;");
        }
    }

    @Test
    void flywayOrdersByVersionNumberNotByString() throws Exception {
        touch("V10__ten.sql", "V2__two.sql", "V1__one.sql", "V1.1__one_one.sql", "V1_2__one_two.sql", "R__view.sql");
        MigrationFiles.Collected c = MigrationFiles.collect(List.of(dir));
        assertEquals(List.of("V1__one.sql", "V1.1__one_one.sql", "V1_2__one_two.sql", "V2__two.sql", "V10__ten.sql", "R__view.sql"),
                names(c.sets().get(0)));
    }

    @Test
    void downMigrationsLeaveTheReplayButAreCounted() throws Exception {
        touch("1_a.up.sql", "1_a.down.sql", "10_c.up.sql", "2_b.up.sql", "2_b.down.sql");
        MigrationFiles.Collected c = MigrationFiles.collect(List.of(dir));
        assertEquals(List.of("1_a.up.sql", "2_b.up.sql", "10_c.up.sql"), names(c.sets().get(0)));
        assertTrue(c.diagnostics().stream().anyMatch(d -> d.code().equals("down-migrations-skipped") && d.message().startsWith("2 ")));
    }

    @Test
    void aNamedFileBringsItsEarlierSiblings() throws Exception {
        touch("V1__a.sql", "V2__b.sql", "V3__c.sql", "V4__d.sql");
        MigrationFiles.MigrationSet set = MigrationFiles.collect(List.of(dir.resolve("V3__c.sql"))).sets().get(0);
        assertEquals(List.of("V1__a.sql", "V2__b.sql", "V3__c.sql"), names(set));
        assertFalse(set.entries().get(0).targeted());
        assertTrue(set.entries().get(2).targeted());
    }

    @Test
    void relativeNamedFilesAreReplayedOnceEachWithTheirDowns() throws Exception {
        touch("1_a.up.sql", "2_b.up.sql", "2_b.down.sql", "3_c.up.sql");
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> named = List.of(cwd.relativize(dir.resolve("2_b.up.sql")), cwd.relativize(dir.resolve("2_b.down.sql")),
                cwd.relativize(dir.resolve("1_a.up.sql")));
        MigrationFiles.MigrationSet set = MigrationFiles.collect(named).sets().get(0);
        List<String> files = set.entries().stream().map(e -> e.file().getFileName().toString()).toList();
        assertEquals(List.of("1_a.up.sql", "2_b.up.sql", "2_b.down.sql"), files);
        assertEquals(List.of(true, true, true), set.entries().stream().map(MigrationFiles.Entry::targeted).toList());
    }

    @Test
    void aNamedDownMigrationRunsAfterItsUp() throws Exception {
        touch("1_a.up.sql", "2_b.up.sql", "2_b.down.sql", "3_c.up.sql");
        MigrationFiles.MigrationSet set = MigrationFiles.collect(List.of(dir.resolve("2_b.down.sql"))).sets().get(0);
        assertEquals(List.of("1_a.up.sql", "2_b.up.sql", "2_b.down.sql"), names(set));
        assertEquals(List.of(false, false, true), set.entries().stream().map(MigrationFiles.Entry::targeted).toList());
    }

    @Test
    void prismaFoldersOrderByTimestamp() throws Exception {
        touch("migrations/20240201000000_b/migration.sql", "migrations/20240101000000_a/migration.sql");
        MigrationFiles.MigrationSet set = MigrationFiles.collect(List.of(dir.resolve("migrations/20240201000000_b/migration.sql"))).sets().get(0);
        assertEquals(List.of("migrations/20240101000000_a/migration.sql", "migrations/20240201000000_b/migration.sql"), names(set));
    }

    @Test
    void symlinkLoopsEmptyDirsAndMissingPathsAreReported() throws Exception {
        touch("sub/V1__a.sql");
        Files.createSymbolicLink(dir.resolve("sub/loop"), dir.resolve("sub"));
        Files.createDirectories(dir.resolve("empty"));
        MigrationFiles.Collected c = MigrationFiles.collect(List.of(dir.resolve("sub"), dir.resolve("empty"), dir.resolve("missing")));
        assertEquals(1, c.sets().size());
        assertEquals(1, c.sets().get(0).entries().size());
        assertTrue(c.diagnostics().stream().anyMatch(d -> d.message().contains("symbolic link loop")), c.diagnostics().toString());
        assertTrue(c.diagnostics().stream().anyMatch(d -> d.code().equals("no-sql-files")));
        assertTrue(c.diagnostics().stream().anyMatch(d -> d.code().equals("missing-path")
                && d.message().equals("no such file or directory")), c.diagnostics().toString());
    }

    @Test
    void aNamedFileThatIsALinkLoopSaysSo() throws Exception {
        Path a = dir.resolve("V1__a.sql");
        Path b = dir.resolve("V2__b.sql");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        MigrationFiles.Collected c = MigrationFiles.collect(List.of(a));
        assertEquals(List.of(), c.sets());
        assertEquals(1, c.diagnostics().size(), c.diagnostics().toString());
        assertTrue(c.diagnostics().get(0).message().startsWith("cannot read: ")
                && c.diagnostics().get(0).message().toLowerCase(java.util.Locale.ROOT).contains("symbolic link"),
                c.diagnostics().toString());
    }
}
