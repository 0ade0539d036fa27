package dev.tideline.analyzer.tx;

/**
 * The transaction a statement runs in.
 *
 * @param source  EXPLICIT (BEGIN … COMMIT in the file), RUNNER (implied by the migration runner) or NONE (autocommit)
 * @param blockId statements with the same blockId in one file share a transaction; -1 in autocommit
 */
public record TxContext(Source source, int blockId) {
    public enum Source { EXPLICIT, RUNNER, NONE }

    public static final TxContext AUTOCOMMIT = new TxContext(Source.NONE, -1);

    public boolean inTransaction() {
        return source != Source.NONE;
    }
}
