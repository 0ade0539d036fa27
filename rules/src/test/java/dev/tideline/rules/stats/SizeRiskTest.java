package dev.tideline.rules.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.Category;
import dev.tideline.rules.Finding;
import dev.tideline.rules.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SizeRiskTest {
    static final SizeRisk SIZES = new SizeRisk(Map.of(
            TableRef.of("lookup"), new TableSize(12, 16_384),
            new TableRef("public", "orders"), new TableSize(4_200_000, 900L * 1024 * 1024),
            TableRef.of("events"), new TableSize(-1, 3L * 1024 * 1024 * 1024),
            TableRef.of("customers"), new TableSize(50_000, 12L * 1024 * 1024),
            TableRef.of("fresh"), new TableSize(-1, 8_192)));

    static Finding finding(String rule, Severity severity, Category category, TableLock... locks) {
        return new Finding(rule, severity, category, Path.of("V1__x.sql"), 1, 1, "msg", "SQL", List.of(locks), null);
    }

    static TableLock lock(String table, LockMode mode) {
        return new TableLock(TableRef.of(table), mode, false);
    }

    @Test
    void smallTableLowersOneLevelAndSaysWhy() {
        Finding f = SIZES.adjust(finding("create-index-non-concurrent", Severity.ERROR, Category.LOCKING, lock("lookup", LockMode.SHARE)));
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("msg [small table: lookup (~12 rows, 16.0 kB), so the lock is brief; lowered from error]", f.message());
        Finding w = SIZES.adjust(finding("set-not-null", Severity.WARNING, Category.LOCKING, lock("lookup", LockMode.ACCESS_EXCLUSIVE)));
        assertEquals(Severity.INFO, w.severity());
    }

    @Test
    void largeTableRaisesByRowsOrBytesAndMatchesPublicSchema() {
        Finding byRows = SIZES.adjust(finding("add-check-validating", Severity.WARNING, Category.LOCKING, lock("orders", LockMode.ACCESS_EXCLUSIVE)));
        assertEquals(Severity.ERROR, byRows.severity());
        assertEquals("msg [large table: orders (~4.2M rows, 900.0 MB); raised from warning]", byRows.message());
        Finding byBytes = SIZES.adjust(finding("table-rewrite", Severity.ERROR, Category.LOCKING, lock("events", LockMode.ACCESS_EXCLUSIVE)));
        assertEquals(Severity.ERROR, byBytes.severity());
        assertEquals("msg [large table: events (size unknown (table never analysed), 3.0 GB on disk)]", byBytes.message());
    }

    @Test
    void mediumTableKeepsItsSeverityButShowsTheSize() {
        Finding f = SIZES.adjust(finding("create-index-non-concurrent", Severity.ERROR, Category.LOCKING, lock("customers", LockMode.SHARE)));
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("msg [customers (~50.0k rows, 12.0 MB)]", f.message());
    }

    @Test
    void unknownTableIsNeverTreatedAsSmall() {
        Finding one = finding("table-rewrite", Severity.ERROR, Category.LOCKING, lock("lookup", LockMode.ACCESS_EXCLUSIVE),
                lock("not_in_db", LockMode.ACCESS_EXCLUSIVE));
        Finding f = SIZES.adjust(one);
        assertEquals(Severity.ERROR, f.severity(), "one small and one unknown table: not lowered");
        assertEquals("msg [lookup (~12 rows, 16.0 kB), not_in_db (size unknown)]", f.message());
        Finding none = finding("table-rewrite", Severity.ERROR, Category.LOCKING, lock("not_in_db", LockMode.ACCESS_EXCLUSIVE));
        assertSame(none, SIZES.adjust(none));
        Finding neverAnalysed = SIZES.adjust(finding("table-rewrite", Severity.ERROR, Category.LOCKING, lock("fresh", LockMode.ACCESS_EXCLUSIVE)));
        assertEquals(Severity.ERROR, neverAnalysed.severity(), "a row count never measured is not small, whatever the bytes");
        assertEquals("msg [fresh (size unknown (table never analysed), 8.0 kB on disk)]", neverAnalysed.message());
    }

    @Test
    void sizeIndependentRulesOtherCategoriesAndReferencedTablesAreLeftAlone() {
        for (Finding f : List.of(
                finding("lock-timeout-missing", Severity.WARNING, Category.LOCKING, lock("lookup", LockMode.ACCESS_EXCLUSIVE)),
                finding("drop-column", Severity.ERROR, Category.DESTRUCTIVE, lock("lookup", LockMode.ACCESS_EXCLUSIVE)),
                finding("add-foreign-key-validating", Severity.ERROR, Category.LOCKING,
                        new TableLock(TableRef.of("lookup"), LockMode.SHARE_ROW_EXCLUSIVE, true)),
                finding("create-index-concurrently", Severity.INFO, Category.LOCKING, lock("lookup", LockMode.SHARE_UPDATE_EXCLUSIVE)))) {
            assertSame(f, SIZES.adjust(f), f.rule());
        }
    }
}
