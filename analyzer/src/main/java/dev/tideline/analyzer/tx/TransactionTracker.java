package dev.tideline.analyzer.tx;

import dev.tideline.analyzer.model.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out the transaction each statement of one file runs in: the runner's implied transaction (per file, or per
 * Liquibase changeset) overlaid with the file's own BEGIN / COMMIT / ROLLBACK.
 */
public final class TransactionTracker {
    /** What the tracker needs to know of a statement. */
    public record Stmt(int line, List<Operation> operations, boolean transactional) {}

    /** How the runner wraps a file: {@code disabled} when a sidecar or header turned the implied transaction off. */
    public record FileHints(boolean disabled, List<Changeset> changesets) {
        public static final FileHints NONE = new FileHints(false, List.of());
    }

    /** A Liquibase {@code --changeset} header line and its {@code runInTransaction} attribute. */
    public record Changeset(int line, String id, boolean runInTransaction) {}

    private static final Pattern CHANGESET = Pattern.compile("^\\s*--\\s*changeset\\s+(\\S+)(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern RUN_IN_TX = Pattern.compile("runInTransaction\\s*:\\s*(true|false)", Pattern.CASE_INSENSITIVE);

    private TransactionTracker() {}

    /** Liquibase changeset headers of a formatted-SQL file, in order (1-based lines). */
    public static List<Changeset> changesets(String content) {
        List<Changeset> out = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = CHANGESET.matcher(lines[i]);
            if (!m.matches()) continue;
            Matcher tx = RUN_IN_TX.matcher(m.group(2));
            boolean inTx = !tx.find() || tx.group(1).toLowerCase(Locale.ROOT).equals("true");
            out.add(new Changeset(i + 1, m.group(1), inTx));
        }
        return out;
    }

    public static List<TxContext> contexts(Runner runner, FileHints hints, List<Stmt> statements) {
        boolean fileTransactional = statements.stream().allMatch(Stmt::transactional);
        List<TxContext> out = new ArrayList<>(statements.size());
        int nextBlock = 0;
        int unit = -2;          // index of the current implied unit (changeset), -1 before the first
        int unitBlock = -1;     // block id of the current implied transaction, -1 when none is open
        boolean explicit = false;
        int explicitBlock = -1;
        for (Stmt s : statements) {
            int u = unitOf(runner, hints, s.line());
            if (u != unit) {
                unit = u;
                unitBlock = impliedTransaction(runner, hints, u, fileTransactional, statements.size()) ? nextBlock++ : -1;
            }
            Operation.TransactionKind kind = transactionKind(s);
            if (kind == Operation.TransactionKind.BEGIN) {
                if (!explicit) {
                    explicit = true;
                    explicitBlock = unitBlock >= 0 ? unitBlock : nextBlock++;
                }
                out.add(new TxContext(TxContext.Source.EXPLICIT, explicitBlock));
            } else if (explicit) {
                out.add(new TxContext(TxContext.Source.EXPLICIT, explicitBlock));
                if (kind == Operation.TransactionKind.COMMIT || kind == Operation.TransactionKind.ROLLBACK
                        || kind == Operation.TransactionKind.PREPARE) {
                    explicit = false;
                    if (explicitBlock == unitBlock) unitBlock = -1; // the COMMIT ended the runner's transaction too
                }
            } else if (unitBlock >= 0) {
                out.add(new TxContext(TxContext.Source.RUNNER, unitBlock));
                if (kind == Operation.TransactionKind.COMMIT || kind == Operation.TransactionKind.ROLLBACK) unitBlock = -1;
            } else {
                out.add(TxContext.AUTOCOMMIT);
            }
        }
        return out;
    }

    private static Operation.TransactionKind transactionKind(Stmt s) {
        for (Operation op : s.operations()) if (op instanceof Operation.Transaction t) return t.kind();
        return null;
    }

    private static int unitOf(Runner runner, FileHints hints, int line) {
        if (runner != Runner.LIQUIBASE) return 0;
        int unit = -1;
        for (int i = 0; i < hints.changesets().size(); i++) if (hints.changesets().get(i).line() <= line) unit = i;
        return unit;
    }

    private static boolean impliedTransaction(Runner runner, FileHints hints, int unit, boolean fileTransactional,
                                              int statementCount) {
        switch (runner) {
            case FLYWAY:
                return !hints.disabled() && fileTransactional;
            case LIQUIBASE:
                return unit >= 0 && hints.changesets().get(unit).runInTransaction();
            case GOLANG_MIGRATE:
            case PRISMA:
                // The file goes to the server as one simple query: PostgreSQL makes several statements one implicit
                // transaction, but runs a lone statement (e.g. CREATE INDEX CONCURRENTLY) outside any block.
                return statementCount > 1;
            case DIESEL:
            case SQLX:
            case GOOSE:
                return !hints.disabled();
            case PSQL:
            case PLAIN:
            default:
                return false;
        }
    }
}
