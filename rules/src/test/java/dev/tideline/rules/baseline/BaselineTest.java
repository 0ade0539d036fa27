package dev.tideline.rules.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.rules.Category;
import dev.tideline.rules.Finding;
import dev.tideline.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
    @TempDir
    Path dir;

    private static Finding finding(String rule, String file, int line, String sql) {
        return new Finding(rule, Severity.ERROR, Category.LOCKING, Path.of(file), line, 1, "m", sql, List.of(), null);
    }

    @Test
    void knownFindingsSurviveLineMovesAndReformattingNewOnesDoNot() throws IOException {
        Path b = dir.resolve("baseline.json");
        Baseline.write(b, List.of(finding("create-index-non-concurrent", "db/V1__a.sql", 3, "CREATE INDEX i ON t (c)"),
                finding("drop-table", "db/V2__b.sql", 1, "DROP TABLE t")));
        Baseline baseline = Baseline.read(b);
        Finding moved = finding("create-index-non-concurrent", "db/V1__a.sql", 40, "create index i\n  on t (c) -- reformatted");
        Finding otherFile = finding("create-index-non-concurrent", "db/V3__c.sql", 3, "CREATE INDEX i ON t (c)");
        Finding otherRule = finding("lock-timeout-missing", "db/V1__a.sql", 3, "CREATE INDEX i ON t (c)");
        Finding otherStatement = finding("drop-table", "db/V2__b.sql", 1, "DROP TABLE u");
        assertEquals(List.of(otherFile, otherRule, otherStatement),
                baseline.onlyNew(List.of(moved, otherFile, otherRule, otherStatement)));
    }

    @Test
    void duplicatesAreCounted() throws IOException {
        Path b = dir.resolve("baseline.json");
        Finding f = finding("drop-table", "x.sql", 1, "DROP TABLE t");
        Baseline.write(b, List.of(f, f));
        assertTrue(Files.readString(b).contains("\"count\" : 2"));
        assertEquals(1, Baseline.read(b).onlyNew(List.of(f, f, f)).size());
    }

    @Test
    void absolutePathsUnderTheWorkingDirectoryAreStoredRelative() {
        Path abs = Path.of("").toAbsolutePath().resolve("db/V1__a.sql");
        assertEquals("db/V1__a.sql", Baseline.fileKey(abs, Path.of("")));
    }

    @Test
    void rejectsOtherJson() throws IOException {
        Path b = dir.resolve("other.json");
        Files.writeString(b, "{\"findings\": 3}");
        assertThrows(IOException.class, () -> Baseline.read(b));
    }
}
