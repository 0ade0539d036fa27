package dev.tideline.trace;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.Category;
import dev.tideline.rules.Finding;
import dev.tideline.trace.TraceResult.Danger;
import dev.tideline.trace.TraceResult.Effect;
import dev.tideline.trace.TraceResult.Lock;
import dev.tideline.trace.TraceResult.TableVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Puts one statement's observation next to the analyzer's prediction, table by table. */
final class Comparison {
    final Effect predicted;
    final List<TableVerdict> tables = new ArrayList<>();
    final List<String> disagreements = new ArrayList<>();
    final List<Danger> dangers = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    /**
     * @param existedBefore tables (display names) that existed before the statement ran
     * @param sampled       locks were polled while the statement ran, so a missing lock proves nothing
     * @param findings      lint findings on this statement, or null to judge danger from the lock model alone
     * @param foreignKeys   the catalog before or after the statement, whichever holds a foreign key, to say which side
     *                      of it a table locked through it is on
     */
    Comparison(AnalyzedStatement statement, Effect observed, Set<String> existedBefore, boolean sampled,
               List<Finding> findings, List<Catalog> foreignKeys) {
        Map<String, LockMode> predictedModes = new LinkedHashMap<>();
        Set<String> predictedRewrites = new LinkedHashSet<>();
        Set<String> truncated = new LinkedHashSet<>();
        List<Lock> predictedLocks = new ArrayList<>();
        for (AnalyzedOperation op : statement.operations()) {
            for (TableLock l : op.effect().locks()) {
                String t = display(l.table());
                predictedLocks.add(new Lock(t, kind(l, op.operation().table(), foreignKeys), t, l.mode().pgLocksName(), false));
                predictedModes.merge(t, l.mode(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
            if (op.effect().rewrite() && op.operation().table() != null) predictedRewrites.add(display(op.operation().table()));
            if (op.operation() instanceof Operation.Truncate tr) tr.tables().forEach(t -> truncated.add(display(t)));
        }
        predicted = new Effect(predictedLocks, List.copyOf(predictedRewrites));

        Map<String, LockMode> observedNew = new LinkedHashMap<>();
        Map<String, LockMode> observedHeld = new LinkedHashMap<>();
        for (Lock l : observed.locks()) {
            if (!l.relation().equals(l.table())) continue; // indexes, sequences, TOAST: listed, not compared
            LockMode mode = LockMode.fromPgLocks(l.mode());
            (l.heldBefore() ? observedHeld : observedNew).merge(l.table(), mode, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        Set<String> tableNames = new LinkedHashSet<>(predictedModes.keySet());
        tableNames.addAll(observedNew.keySet());
        tableNames.addAll(predictedRewrites);
        tableNames.addAll(observed.rewritten());
        for (String t : tableNames) {
            LockMode want = predictedModes.get(t);
            LockMode got = observedNew.get(t);
            LockMode held = observedHeld.get(t);
            boolean lockAgrees;
            String shown = got == null ? null : got.pgLocksName();
            if (want == got) {
                lockAgrees = true;
            } else if (want != null && held != null && covers(held, want) && (got == null || covers(want, got))) {
                lockAgrees = true; // taken again while already held: pg_locks cannot show it twice
                shown = held.pgLocksName() + " (held before)";
            } else if (want == null && !existedBefore.contains(t)) {
                lockAgrees = true; // created by this very statement: nobody else can see it yet
            } else if (sampled && got == null) {
                lockAgrees = true;
                notes.add(t + ": " + want.pgLocksName() + " not seen by sampling (the statement was too quick to catch)");
            } else {
                lockAgrees = false;
                disagreements.add(t + ": predicted " + (want == null ? "no lock" : want.pgLocksName())
                        + ", observed " + (got == null ? "no new lock" : got.pgLocksName()));
            }
            boolean wantRewrite = predictedRewrites.contains(t);
            boolean gotRewrite = observed.rewritten().contains(t);
            boolean rewriteAgrees = wantRewrite == gotRewrite || truncated.contains(t) || !existedBefore.contains(t);
            if (!rewriteAgrees) {
                disagreements.add(t + ": " + (wantRewrite ? "predicted a rewrite, relfilenode unchanged"
                        : "rewritten (relfilenode changed), not predicted"));
            }
            tables.add(new TableVerdict(t, want == null ? null : want.pgLocksName(), shown, wantRewrite, gotRewrite,
                    lockAgrees && rewriteAgrees));
        }
        judgeDangers(statement, observedNew, observedHeld, existedBefore, observed.rewritten(), predictedRewrites, findings);
    }

    private void judgeDangers(AnalyzedStatement statement, Map<String, LockMode> seen, Map<String, LockMode> held,
                              Set<String> existedBefore, List<String> rewritten, Set<String> predictedRewrites,
                              List<Finding> findings) {
        if (findings != null) {
            for (Finding f : findings) {
                // only a lock or rewrite is observable: a schema-design or compatibility finding is not confirmed by one
                boolean confirmed = f.category() == Category.LOCKING && !f.locks().isEmpty()
                        && f.locks().stream().allMatch(l -> observedAtLeast(display(l.table()), l.mode(), seen, held));
                dangers.add(new Danger(f.rule(), f.message(), confirmed));
            }
            return;
        }
        for (AnalyzedOperation op : statement.operations()) {
            for (TableLock l : op.effect().locks()) {
                String t = display(l.table());
                if (!existedBefore.contains(t) || op.onNewTable() || !l.blocksWrites()) continue;
                String what = l.mode().sql() + " on " + t + (l.blocksReads() ? " blocks reads and writes" : " blocks writes");
                dangers.add(new Danger("lock", what, observedAtLeast(t, l.mode(), seen, held)));
            }
        }
        for (String t : predictedRewrites) {
            if (existedBefore.contains(t)) dangers.add(new Danger("rewrite", "rewrites " + t, rewritten.contains(t)));
        }
    }

    /** A table locked through a foreign key is either side of it: say which, from the catalog. */
    private static String kind(TableLock lock, TableRef statementTable, List<Catalog> catalogs) {
        if (!lock.referenced()) return "table";
        String locked = display(lock.table());
        String own = statementTable == null ? null : display(statementTable);
        if (own != null && catalogs.stream().anyMatch(c -> c.references(locked, own))) return "referencing table";
        if (own != null && catalogs.stream().anyMatch(c -> c.references(own, locked))) return "referenced table";
        return "table linked by a foreign key";
    }

    private static boolean observedAtLeast(String table, LockMode mode, Map<String, LockMode> seen, Map<String, LockMode> held) {
        LockMode a = seen.get(table);
        LockMode b = held.get(table);
        return (a != null && covers(a, mode)) || (b != null && covers(b, mode));
    }

    /** True when {@code strong} conflicts with everything {@code weak} conflicts with. */
    static boolean covers(LockMode strong, LockMode weak) {
        for (LockMode m : LockMode.values()) if (weak.conflictsWith(m) && !strong.conflictsWith(m)) return false;
        return true;
    }

    static String display(TableRef ref) {
        return ref.schema() == null || ref.schema().equals("public") ? ref.name() : ref.schema() + "." + ref.name();
    }
}
