package dev.tideline.report;

import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.tx.TxContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transaction blocks of one file, numbered 1, 2, … in order of appearance. A lock taken inside a block is
 * held until the block's last statement (PostgreSQL releases table locks only at commit or rollback).
 */
final class Transactions {
    private final int[] ordinal;
    private final int[] start;
    private final int[] end;
    private final TxContext.Source[] source;
    private final boolean lastBlockOpen;

    Transactions(List<AnalyzedStatement> statements) {
        int n = statements.size();
        ordinal = new int[n];
        start = new int[n];
        end = new int[n];
        source = new TxContext.Source[n];
        Map<Integer, Integer> ordinalOfBlock = new HashMap<>();
        Map<Integer, Integer> firstOf = new HashMap<>();
        Map<Integer, Integer> lastOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            TxContext tx = tx(statements.get(i));
            source[i] = tx.source();
            if (!tx.inTransaction()) continue;
            ordinal[i] = ordinalOfBlock.computeIfAbsent(tx.blockId(), b -> ordinalOfBlock.size() + 1);
            firstOf.putIfAbsent(tx.blockId(), i);
            lastOf.put(tx.blockId(), i);
        }
        boolean open = false;
        for (int i = 0; i < n; i++) {
            TxContext tx = tx(statements.get(i));
            if (tx.inTransaction()) {
                start[i] = firstOf.get(tx.blockId());
                end[i] = lastOf.get(tx.blockId());
                open = end[i] == n - 1 && tx.source() == TxContext.Source.EXPLICIT;
            } else {
                start[i] = i;
                end[i] = i;
            }
        }
        lastBlockOpen = open && !endsWithCommit(statements);
    }

    private static boolean endsWithCommit(List<AnalyzedStatement> statements) {
        return statements.get(statements.size() - 1).operations().stream()
                .anyMatch(op -> op.operation() instanceof Operation.Transaction t
                        && (t.kind() == Operation.TransactionKind.COMMIT || t.kind() == Operation.TransactionKind.ROLLBACK));
    }

    private static TxContext tx(AnalyzedStatement s) {
        return s.tx() == null ? TxContext.AUTOCOMMIT : s.tx();
    }

    int ordinal(int i) {
        return ordinal[i];
    }

    int start(int i) {
        return start[i];
    }

    /** Index of the statement at which locks taken by statement i are released. */
    int end(int i) {
        return end[i];
    }

    String label(int i) {
        if (ordinal[i] == 0) return "autocommit";
        return switch (source[i]) {
            case EXPLICIT -> "explicit transaction " + ordinal[i];
            case RUNNER -> "transaction " + ordinal[i] + " (opened by the runner)";
            case NONE -> "autocommit";
        };
    }

    String heldUntil(int i) {
        if (ordinal[i] == 0) return "end of statement";
        if (lastBlockOpen && end[i] == ordinal.length - 1) return "end of session (transaction never committed)";
        return end[i] == i ? "end of statement (commit)" : "end of transaction (statement " + (end[i] + 1) + ")";
    }
}
