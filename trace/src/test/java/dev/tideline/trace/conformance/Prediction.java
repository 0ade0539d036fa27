package dev.tideline.trace.conformance;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.AnalyzerOptions;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.tx.Runner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;

/**
 * What the analyzer says a case's statement does, read from the analysis of setup + statement as one file (so the
 * lock model sees the schema the setup built).
 *
 * @param setup         the setup statements as the analyzer split them (run on the server in this order)
 * @param locks         strongest predicted mode per relation
 * @param newFiles      relations predicted to get new files: rewrites, and TRUNCATE's fresh empty files
 * @param kinds         the operation kinds of the statement
 */
record Prediction(List<String> setup, Map<String, LockMode> locks, Set<String> newFiles, boolean scan,
                  boolean transactional, List<Class<? extends Operation>> kinds, String notes) {

    static Prediction of(ConformanceCase c, int major) {
        String text = c.setup().isBlank() ? c.statement() + ";\n" : c.setup().strip() + "\n" + c.statement() + ";\n";
        Analysis a = new Analyzer(new AnalyzerOptions(new PgVersion(major), Runner.PLAIN, Map.of()))
                .analyzeText("conformance.sql", text);
        if (!a.files().get(0).diagnostics().isEmpty()) {
            throw new IllegalStateException(c.name() + ": " + a.files().get(0).diagnostics());
        }
        List<AnalyzedStatement> statements = a.files().get(0).statements();
        AnalyzedStatement last = statements.get(statements.size() - 1);
        if (!last.statement().text().equals(c.statement().strip())) {
            throw new IllegalStateException(c.name() + ": the statement was split as " + last.statement().text());
        }
        List<String> setup = new ArrayList<>();
        for (AnalyzedStatement s : statements.subList(0, statements.size() - 1)) setup.add(s.statement().text());

        Map<String, LockMode> locks = new LinkedHashMap<>();
        Set<String> newFiles = new LinkedHashSet<>();
        boolean scan = false;
        boolean transactional = true;
        List<Class<? extends Operation>> kinds = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (AnalyzedOperation op : last.operations()) {
            kinds.add(op.operation().getClass());
            if (op.operation() instanceof Operation.DoBlock d) d.allStatements().forEach(n -> n.operations().forEach(o -> kinds.add(o.getClass())));
            for (TableLock l : op.effect().locks()) {
                locks.merge(display(l.table()), l.mode(), (x, y) -> x.compareTo(y) >= 0 ? x : y);
                if (op.effect().rewrite() && !l.referenced()) newFiles.add(display(l.table()));
            }
            if (op.operation() instanceof Operation.Truncate) {
                for (TableLock l : op.effect().locks()) if (!l.referenced()) newFiles.add(display(l.table())); // with partitions
            }
            scan |= op.effect().scan();
            transactional &= op.effect().transactional();
            if (op.effect().note() != null) notes.add(op.effect().note());
        }
        return new Prediction(setup, locks, newFiles, scan, transactional, kinds, String.join("; ", notes));
    }

    static String display(TableRef ref) {
        return ref.schema() == null || ref.schema().equals("public") ? ref.name() : ref.schema() + "." + ref.name();
    }

    /** Every way the server disagrees with this prediction; empty when they agree. */
    List<String> disagreements(Observation seen) {
        List<String> out = new ArrayList<>();
        if (transactional != seen.inTransactionBlock()) {
            out.add(transactional ? "predicted to run in a transaction block; the server refused (25001)"
                    : "predicted to be refused in a transaction block; the server ran it there");
        }
        Set<String> relations = new LinkedHashSet<>(locks.keySet());
        for (Entry<String, LockMode> l : seen.locks().entrySet()) {
            char k = seen.kinds().get(l.getKey());
            boolean table = k == 'r' || k == 'p' || k == 'm' || k == 'v' || k == 'f';
            if (table && seen.existedBefore().contains(l.getKey())) relations.add(l.getKey());
        }
        for (String r : relations) {
            if (!seen.existedBefore().contains(r)) continue; // created by the statement: nobody else can see it yet
            // run outside a transaction, only tables (which blocker sessions can make it wait for) are observed surely
            char kind = seen.kinds().get(r);
            if (!seen.inTransactionBlock() && kind != 'r' && kind != 'p') continue;
            LockMode want = locks.get(r);
            LockMode got = seen.locks().get(r);
            // The model tracks the relations a statement changes, not the ones it merely reads (a view's or
            // CREATE TABLE AS's sources): those take ACCESS SHARE, which conflicts only with ACCESS EXCLUSIVE.
            if (want == null && got == LockMode.ACCESS_SHARE) continue;
            if (want != got) {
                out.add(r + ": predicted " + (want == null ? "no lock" : want.pgLocksName()) + ", server "
                        + (got == null ? "no lock" : got.pgLocksName()));
            }
        }
        for (String r : seen.existedBefore()) {
            char kind = seen.kinds().get(r);
            if (kind != 'r' && kind != 'm') continue; // only tables and materialized views have files to compare
            boolean want = newFiles.contains(r);
            if (want != seen.newFiles().contains(r)) {
                out.add(r + (want ? ": predicted a rewrite, relfilenode unchanged" : ": relfilenode changed, no rewrite predicted"));
            }
        }
        if (seen.scanned() != null) {
            Set<String> scanned = new LinkedHashSet<>(seen.scanned());
            // TRUNCATE rebuilds the indexes on the new, empty files: the server counts that as a scan of nothing
            if (kinds.contains(Operation.Truncate.class)) scanned.removeAll(newFiles);
            boolean got = !scanned.isEmpty();
            if (scan != got) out.add(scan ? "predicted a full scan; no sequential scan counted"
                    : "sequential scan of " + scanned + " not predicted");
        }
        return out;
    }
}
