package dev.tideline.rules.suppress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionScannerTest {
    private static final List<SuppressionScanner.Extent> EXTENTS = List.of(
            new SuppressionScanner.Extent(2, 2), new SuppressionScanner.Extent(4, 6), new SuppressionScanner.Extent(8, 12),
            new SuppressionScanner.Extent(10, 10));

    @Test
    void parsesIdsAndReason() {
        List<Suppression> s = SuppressionScanner.scan("-- tideline:ignore drop-table, drop-column legacy, unused since v3\nDROP TABLE t;", EXTENTS);
        assertEquals(1, s.size());
        assertEquals(List.of("drop-table", "drop-column"), s.get(0).ruleIds());
        assertEquals("legacy, unused since v3", s.get(0).reason());
        assertEquals(2, s.get(0).targetLine());
        assertTrue(s.get(0).covers("drop-table", 2));
        assertFalse(s.get(0).covers("drop-table", 4));
        assertFalse(s.get(0).covers("truncate", 2));
    }

    @Test
    void trailingCommentSilencesItsOwnStatement() {
        String text = "\n\n\nALTER TABLE t\n  DROP COLUMN c; -- tideline:ignore drop-column: unused since v2\n";
        Suppression s = SuppressionScanner.scan(text, EXTENTS).get(0);
        assertEquals(4, s.targetLine());
        assertEquals("unused since v2", s.reason());
    }

    @Test
    void commentInsideDoBlockTargetsTheNextNestedStatement() {
        String text = "\n".repeat(8) + "-- tideline:ignore drop-table reason here\n";
        Suppression s = SuppressionScanner.scan(text, EXTENTS).get(0);
        assertEquals(10, s.targetLine());
    }

    @Test
    void eachCommentFindsItsStatementAroundNestedBlocks() {
        // 2: a statement; 4-8: a DO block holding 5 and 7; 10: a statement
        List<SuppressionScanner.Extent> extents = List.of(new SuppressionScanner.Extent(2, 2),
                new SuppressionScanner.Extent(4, 8), new SuppressionScanner.Extent(5, 5),
                new SuppressionScanner.Extent(7, 7), new SuppressionScanner.Extent(10, 10));
        StringBuilder text = new StringBuilder();
        for (int line = 1; line <= 11; line++) text.append("-- tideline:ignore drop-table reason ").append(line).append('\n');
        List<Integer> targets = SuppressionScanner.scan(text.toString(), extents).stream().map(Suppression::targetLine).toList();
        // line:   1  2  3  4  5  6  7  8  9  10  11
        assertEquals(List.of(2, 2, 4, 5, 5, 7, 7, 4, 10, 10, 0), targets);
    }

    @Test
    void fileLevelAndMissingReason() {
        List<Suppression> s = SuppressionScanner.scan("-- tideline:ignore-file prefer-text\n-- tideline:ignore\n", EXTENTS);
        assertTrue(s.get(0).fileLevel());
        assertFalse(s.get(0).hasReason());
        assertTrue(s.get(0).covers("prefer-text", 99));
        assertTrue(s.get(1).ruleIds().isEmpty());
    }

    @Test
    void ordinaryCommentsAreIgnored() {
        assertTrue(SuppressionScanner.scan("-- tideline: ignore this\n-- tideline:ignored x y\n", EXTENTS).isEmpty());
    }
}
