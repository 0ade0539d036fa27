package dev.tideline.trace;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.rules.Finding;
import dev.tideline.trace.LockSampler.Held;
import dev.tideline.trace.TraceResult.Effect;
import dev.tideline.trace.TraceResult.Lock;
import dev.tideline.trace.TraceResult.Status;
import dev.tideline.trace.TraceResult.TracedFile;
import dev.tideline.trace.TraceResult.TracedStatement;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Parser;

/**
 * Replays the earlier migrations, then runs each statement of the traced files the way the runner would (its
 * transaction boundaries from the analyzer's {@link TxContext}) and records what PostgreSQL really did: the relation
 * locks the session holds right after the statement (read through a second connection before the transaction ends),
 * the tables whose relfilenode changed, the time taken and any failure.
 */
public final class Tracer {
    /** Called after each traced statement. */
    public interface Progress {
        void step(int done, int total, String location);
    }

    /**
     * @param inPlace  work inside one transaction that is always rolled back: earlier migrations are not replayed
     *                 (the database is taken as it stands) and statements that cannot run in a transaction are skipped
     * @param rows     synthetic rows per table before the first traced file (0: none)
     * @param findings lint findings of the traced files, or null to judge danger by the lock model alone
     * @param baseDir  file paths are shown relative to it
     */
    public record Request(Analysis analysis, boolean inPlace, long rows, List<Finding> findings, Path baseDir) {}

    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)^\\s*copy\\b.*\\bfrom\\s+stdin\\b.*");
    private static final String SQLSTATE_IN_TRANSACTION_BLOCK = "25001";

    private final Request request;
    private final Connection work;
    private final LockSampler sampler;
    private final int workPid;
    private final TxControl tx;
    private final Seal seal;
    private final Progress progress;
    private final List<String> notes = new ArrayList<>();

    private String openRunnerBlock;
    private boolean explicitOpen;

    private Tracer(Request request, Connection work, Connection observer, Seal seal, Progress progress) throws SQLException {
        this.request = request;
        this.work = work;
        this.seal = seal;
        this.progress = progress;
        this.tx = request.inPlace() ? TxControl.SAVEPOINTS : TxControl.REAL;
        try (Statement st = work.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            this.workPid = rs.getInt(1);
        }
        this.sampler = new LockSampler(observer, workPid, seal == null ? Set.of() : seal.ownRelations());
    }

    /**
     * Runs the trace. {@code work} must be in autocommit mode (and, in place, inside the caller's open transaction,
     * armed by {@code seal}; else seal is null); {@code observer} is a second connection to the same database.
     */
    static TraceResult run(Request request, Connection work, Connection observer, Seal seal, String server, String target,
                           Progress progress) {
        long start = System.nanoTime();
        try {
            Tracer tracer = new Tracer(request, work, observer, seal, progress);
            try {
                return tracer.traceAll(server, target, start);
            } finally {
                tracer.sampler.close();
            }
        } catch (SQLException e) {
            throw new TraceException("lost the connection while tracing: " + e.getMessage());
        }
    }

    private TraceResult traceAll(String server, String target, long start) throws SQLException {
        Analysis analysis = request.analysis();
        for (Diagnostic d : analysis.diagnostics()) notes.add(located(d));
        int total = 0;
        for (FileAnalysis f : analysis.files()) if (f.targeted()) total += f.statements().size();
        List<TracedFile> files = new ArrayList<>();
        String failure = null;
        boolean seeded = request.rows() <= 0;
        int done = 0;
        for (FileAnalysis f : analysis.files()) {
            for (Diagnostic d : f.diagnostics()) notes.add(located(d));
            if (!f.targeted()) {
                if (request.inPlace()) {
                    notes.add(show(f.file()) + ": not replayed (--in-place traces the database as it stands)");
                } else if (failure == null) {
                    for (AnalyzedStatement s : f.statements()) replay(s);
                    closeRunnerBlock();
                }
                files.add(new TracedFile(show(f.file()), false, List.of()));
                continue;
            }
            if (!seeded) {
                notes.addAll(SyntheticRows.fill(work, tx, request.rows()));
                seeded = true;
            }
            List<TracedStatement> out = new ArrayList<>();
            for (AnalyzedStatement s : f.statements()) {
                if (failure != null) {
                    out.add(skipped(s, Status.not_run, null, "not run: an earlier statement failed"));
                    continue;
                }
                TracedStatement t = trace(s);
                out.add(t);
                progress.step(++done, total, t.file() + ":" + t.line());
                if (t.status() == Status.failed) {
                    failure = t.file() + ":" + t.line() + ":" + t.column() + ": " + t.error();
                    abandonOpenTransaction();
                }
            }
            if (failure == null) closeRunnerBlock();
            if (failure == null && explicitOpen) {
                notes.add(show(f.file()) + ": ends inside an explicit transaction; tideline committed it");
                if (request.inPlace()) tx.commit(work, "tideline_explicit");
                else TxControl.run(work, "COMMIT");
                explicitOpen = false;
            }
            files.add(new TracedFile(show(f.file()), true, out));
        }
        int disagreements = 0;
        for (TracedFile f : files) for (TracedStatement s : f.statements()) disagreements += s.disagreements().size();
        return new TraceResult(TraceResult.SCHEMA_VERSION, server, target, request.rows(),
                (System.nanoTime() - start) / 1_000_000, files, disagreements, failure, List.copyOf(notes));
    }

    /** An earlier migration: run it the runner's way; any failure ends the trace with its location. */
    private void replay(AnalyzedStatement s) throws SQLException {
        SqlStatement st = s.statement();
        if (unrunnable(st) != null) return;
        try {
            if (handleTransactionStatement(s)) return;
            enterRunnerBlock(s.tx());
            if (inTransaction() || !nonTransactional(s) || !tx.allowsAutocommit()) {
                boolean wrap = !inTransaction();
                if (wrap) tx.begin(work, "tideline_stmt");
                execute(st.text());
                if (wrap) tx.commit(work, "tideline_stmt");
            } else {
                execute(st.text());
            }
        } catch (SQLException e) {
            throw new TraceException("earlier migration failed at " + show(st.file()) + ":" + st.line() + ":"
                    + st.column() + ": " + e.getSQLState() + ": " + oneLine(e));
        }
    }

    private TracedStatement trace(AnalyzedStatement s) throws SQLException {
        long t0 = System.nanoTime();
        try {
            if (handleTransactionStatement(s)) return plain(s, Status.ok, null, millisSince(t0), List.of());
        } catch (SQLException e) {
            return plain(s, Status.failed, e.getSQLState() + ": " + oneLine(e), millisSince(t0), List.of());
        }
        String why = unrunnable(s.statement());
        if (why != null) return skipped(s, Status.skipped, null, why);
        enterRunnerBlock(s.tx());
        if (inTransaction()) return observeInTransaction(s, false);
        if (!nonTransactional(s)) {
            tx.begin(work, "tideline_stmt");
            TracedStatement t = observeInTransaction(s, true);
            if (t.status() == Status.failed && t.error() != null && t.error().startsWith(SQLSTATE_IN_TRANSACTION_BLOCK)
                    && tx.allowsAutocommit()) {
                TracedStatement bare = observeSampled(s);
                List<String> disagreements = new ArrayList<>(bare.disagreements());
                disagreements.add("predicted to run inside a transaction block; PostgreSQL refused: "
                        + t.error().substring(SQLSTATE_IN_TRANSACTION_BLOCK.length() + 2));
                return withDisagreements(bare, disagreements);
            }
            return t;
        }
        if (!tx.allowsAutocommit()) {
            return skipped(s, Status.skipped, null,
                    "cannot run inside a transaction block, so not run in place (trace on a scratch database instead)");
        }
        return observeSampled(s);
    }

    /** Runs the statement in the open transaction, reading locks and relfilenodes before and after it. */
    private TracedStatement observeInTransaction(AnalyzedStatement s, boolean wrapped) throws SQLException {
        Catalog before = Catalog.read(work);
        Set<Held> locksBefore = sampler.read();
        long t0 = System.nanoTime();
        try {
            execute(s.statement().text());
        } catch (SQLException e) {
            double ms = millisSince(t0);
            if (wrapped) tx.rollback(work, "tideline_stmt");
            return plain(s, Status.failed, e.getSQLState() + ": " + oneLine(e), ms, List.of());
        }
        double ms = millisSince(t0);
        Set<Held> locksAfter = sampler.read();
        Catalog after = Catalog.read(work);
        if (wrapped) tx.commit(work, "tideline_stmt");
        return observed(s, ms, "in-transaction", before, after, locksAfter, locksBefore);
    }

    /** A statement that cannot run in a transaction block: poll pg_locks from the observer while it runs. */
    private TracedStatement observeSampled(AnalyzedStatement s) throws SQLException {
        Catalog before = Catalog.read(work);
        Set<Held> seen = new HashSet<>();
        long t0 = System.nanoTime();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                execute(s.statement().text());
            } catch (SQLException e) {
                throw new StatementFailed(e);
            }
        });
        while (!running.isDone()) {
            seen.addAll(sampler.read());
            Thread.onSpinWait();
        }
        double ms = millisSince(t0);
        try {
            running.get();
        } catch (ExecutionException e) {
            SQLException cause = e.getCause() instanceof StatementFailed f ? f.sql : new SQLException(e.getCause());
            return plain(s, Status.failed, cause.getSQLState() + ": " + oneLine(cause), ms, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraceException("interrupted");
        }
        return observed(s, ms, "sampled", before, Catalog.read(work), seen, Set.of());
    }

    private TracedStatement observed(AnalyzedStatement s, double ms, String how, Catalog before, Catalog after,
                                     Set<Held> locks, Set<Held> heldBefore) {
        List<Lock> observedLocks = new ArrayList<>();
        for (Held h : locks) {
            Relation rel = after.contains(h.oid()) ? after.get(h.oid()) : before.get(h.oid());
            Catalog cat = after.contains(h.oid()) ? after : before;
            if (rel == null) {
                observedLocks.add(new Lock("relation " + h.oid(), "relation", "relation " + h.oid(), h.mode(), heldBefore.contains(h)));
                continue;
            }
            Relation table = cat.tableOf(rel);
            observedLocks.add(new Lock(rel.displayName(), rel.kindName(), table == null ? rel.displayName() : table.displayName(),
                    h.mode(), heldBefore.contains(h)));
        }
        observedLocks.sort((a, b) -> a.heldBefore() != b.heldBefore() ? Boolean.compare(a.heldBefore(), b.heldBefore())
                : a.relation().equals(b.relation()) ? a.mode().compareTo(b.mode()) : a.relation().compareTo(b.relation()));
        List<String> rewritten = new ArrayList<>();
        Set<String> existedBefore = new HashSet<>();
        for (Relation r : before.all().values()) {
            if (!r.isTable()) continue;
            existedBefore.add(r.displayName());
            Relation now = after.get(r.oid());
            if (now != null && now.filenode() != r.filenode()) rewritten.add(r.displayName());
        }
        rewritten.sort(null);
        Effect observed = new Effect(observedLocks, rewritten);
        Comparison c = new Comparison(s, observed, existedBefore, how.equals("sampled"), findingsFor(s.statement()),
                List.of(before, after));
        SqlStatement st = s.statement();
        return new TracedStatement(show(st.file()), st.line(), st.column(), st.text(), txLabel(s.tx()), Status.ok, null,
                ms, how, observed, c.predicted, c.tables, c.disagreements, c.dangers, c.notes);
    }

    private List<Finding> findingsFor(SqlStatement st) {
        if (request.findings() == null) return null;
        List<Finding> mine = new ArrayList<>();
        for (Finding f : request.findings()) {
            if (f.file() != null && f.file().toAbsolutePath().normalize().equals(st.file().toAbsolutePath().normalize())
                    && f.line() >= st.line() && f.line() <= st.endLine()) {
                mine.add(f);
            }
        }
        return mine;
    }

    /** BEGIN / COMMIT / ROLLBACK written in the file: run (in place: mapped to a savepoint) and tracked. */
    private boolean handleTransactionStatement(AnalyzedStatement s) throws SQLException {
        Operation.TransactionKind kind = null;
        for (AnalyzedOperation op : s.operations()) {
            if (op.operation() instanceof Operation.Transaction t) kind = t.kind();
        }
        if (kind != Operation.TransactionKind.BEGIN && kind != Operation.TransactionKind.COMMIT
                && kind != Operation.TransactionKind.ROLLBACK) {
            return false;
        }
        closeRunnerBlock();
        if (kind == Operation.TransactionKind.BEGIN) {
            if (request.inPlace()) tx.begin(work, "tideline_explicit");
            else execute(s.statement().text());
            explicitOpen = true;
        } else if (explicitOpen) {
            if (!request.inPlace()) execute(s.statement().text());
            else if (kind == Operation.TransactionKind.COMMIT) tx.commit(work, "tideline_explicit");
            else tx.rollback(work, "tideline_explicit");
            explicitOpen = false;
        }
        return true;
    }

    private void enterRunnerBlock(TxContext ctx) throws SQLException {
        if (ctx.source() != TxContext.Source.RUNNER) {
            if (!explicitOpen) closeRunnerBlock();
            return;
        }
        String key = ctx.blockId() + "";
        if (key.equals(openRunnerBlock) || explicitOpen) return;
        closeRunnerBlock();
        tx.begin(work, "tideline_runner");
        openRunnerBlock = key;
    }

    private void closeRunnerBlock() throws SQLException {
        if (openRunnerBlock == null) return;
        openRunnerBlock = null;
        tx.commit(work, "tideline_runner");
    }

    private void abandonOpenTransaction() throws SQLException {
        if (openRunnerBlock != null) tx.rollback(work, "tideline_runner");
        if (explicitOpen) {
            if (request.inPlace()) tx.rollback(work, "tideline_explicit");
            else TxControl.run(work, "ROLLBACK");
        }
        openRunnerBlock = null;
        explicitOpen = false;
    }

    private boolean inTransaction() {
        return explicitOpen || openRunnerBlock != null;
    }

    private static boolean nonTransactional(AnalyzedStatement s) {
        for (AnalyzedOperation op : s.operations()) if (!op.effect().transactional()) return true;
        return false;
    }

    private String unrunnable(SqlStatement st) {
        String text = st.text().stripLeading();
        if (request.inPlace()) {
            String refused = Seal.refusal(text);
            if (refused != null) return refused;
        }
        if (text.startsWith("\\")) return "psql meta-command: not SQL, not sent to the server";
        if (COPY_FROM_STDIN.matcher(text).matches()) return "COPY … FROM stdin: its data block is not replayed";
        return null;
    }

    /**
     * Sends one statement exactly as written. The driver would split a text holding several statements and send each
     * (a hidden COMMIT among them): such a text is refused here, and the extended protocol (forced by
     * {@link dev.tideline.trace.db.ConnectionSpec#connect}) makes the server itself refuse more than one statement.
     * In place, the seal is checked after every statement, failed or not.
     */
    private void execute(String sql) throws SQLException {
        int statements = Parser.parseJdbcSql(sql, work.unwrap(BaseConnection.class).getStandardConformingStrings(),
                false, true, false, false).size();
        if (statements > 1) {
            throw new SQLException("the JDBC driver reads this text as " + statements + " statements, tideline as one:"
                    + " not sent", "42601");
        }
        try (Statement st = work.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(sql);
        } finally {
            if (seal != null) seal.check(work, "a statement");
        }
    }

    private TracedStatement plain(AnalyzedStatement s, Status status, String error, double ms, List<String> notes) {
        SqlStatement st = s.statement();
        Comparison none = new Comparison(s, new Effect(List.of(), List.of()), Set.of(), false, List.of(), List.of());
        return new TracedStatement(show(st.file()), st.line(), st.column(), st.text(), txLabel(s.tx()), status, error,
                ms, "none", new Effect(List.of(), List.of()), none.predicted, List.of(), List.of(), List.of(), notes);
    }

    private TracedStatement skipped(AnalyzedStatement s, Status status, String error, String why) {
        return plain(s, status, error, 0, List.of(why));
    }

    private static TracedStatement withDisagreements(TracedStatement t, List<String> disagreements) {
        return new TracedStatement(t.file(), t.line(), t.column(), t.sql(), t.transaction(), t.status(), t.error(),
                t.durationMs(), t.observation(), t.observed(), t.predicted(), t.tables(), disagreements, t.dangers(), t.notes());
    }

    private static String txLabel(TxContext ctx) {
        return switch (ctx.source()) {
            case NONE -> "none";
            case RUNNER -> "runner#" + ctx.blockId();
            case EXPLICIT -> "explicit#" + ctx.blockId();
        };
    }

    private String located(Diagnostic d) {
        return (d.file() == null ? "" : show(d.file()) + ":" + d.line() + ":" + d.column() + ": ") + d.message();
    }

    private String show(Path file) {
        if (file == null) return "<stdin>";
        Path base = request.baseDir() == null ? null : request.baseDir().toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        return base != null && abs.startsWith(base) ? base.relativize(abs).toString() : file.toString();
    }

    /** pgjdbc puts the position on a second line: keep messages on one. */
    static String oneLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static double millisSince(long t0) {
        return Math.round((System.nanoTime() - t0) / 10_000.0) / 100.0;
    }

    private static final class StatementFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient SQLException sql;

        StatementFailed(SQLException sql) {
            super(sql);
            this.sql = sql;
        }
    }
}
