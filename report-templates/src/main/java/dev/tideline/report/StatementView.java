package dev.tideline.report;

import java.util.List;

/**
 * One statement with everything a reviewer needs next to its SQL.
 *
 * @param preview     the first line of SQL, shortened, for the collapsed summary
 * @param transaction e.g. "transaction 2 (runner)", "explicit transaction 1", "autocommit"
 * @param hiddenLines SQL lines not shown because the statement is very long (0 when all are shown)
 */
public record StatementView(String anchor, int number, int line, String preview, String transaction,
                            boolean open, String worstKey, List<SqlLine> lines, int hiddenLines,
                            List<String> operations, List<LockView> locks, boolean rewrite, boolean scan,
                            boolean nonTransactional, String note, List<String> unparsed,
                            List<FindingView> findings, List<FindingView> suppressed) {

    /** @param segments the line cut into plain and highlighted runs */
    public record SqlLine(int number, boolean marked, List<Segment> segments) {}

    /** @param marks rule ids whose finding points into this run (empty for plain text) */
    public record Segment(String text, String marks) {
        public boolean highlighted() {
            return !marks.isEmpty();
        }
    }

    /**
     * @param heldUntil "end of statement" or "end of transaction (statement 7)"
     * @param harmless  the table is new (created in this file or transaction): nobody else can be waiting on it
     */
    public record LockView(String table, String mode, String modeKey, boolean blocksReads, boolean blocksWrites,
                           boolean referenced, boolean harmless, String heldUntil) {}
}
