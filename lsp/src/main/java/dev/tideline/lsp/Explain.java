package dev.tideline.lsp;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.rules.Finding;
import dev.tideline.rules.Locks;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Release;
import dev.tideline.rules.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the editor shows in words: a statement's hover, and a plan as a document. */
final class Explain {
    private Explain() {}

    /** Markdown for a hover on {@code s}: locks per table and what they block, rewrite/scan, its transaction, findings. */
    static String hover(AnalyzedStatement s, FileAnalysis file, int pgVersion, List<Finding> findings) {
        StringBuilder md = new StringBuilder("**tideline** · PostgreSQL ").append(pgVersion).append('\n');
        List<TableLock> locks = new ArrayList<>();
        boolean rewrite = false;
        boolean scan = false;
        List<String> notes = new ArrayList<>();
        for (AnalyzedOperation op : s.operations()) {
            locks.addAll(Locks.onExistingTables(op, s.schemaBefore()));
            if (op.onNewTable()) continue;
            rewrite |= op.effect().rewrite();
            scan |= op.effect().scan();
            if (op.effect().note() != null) notes.add(op.effect().note());
        }
        locks = Locks.distinct(locks);
        md.append('\n');
        if (locks.isEmpty()) {
            md.append("No lock on a table that existed before this migration.\n");
        } else {
            md.append("| table | lock | blocks |\n|---|---|---|\n");
            for (TableLock l : locks) {
                md.append("| ").append(l.table()).append(" | ").append(l.mode().sql()).append(" | ")
                        .append(Locks.blocks(l.mode())).append(" |\n");
            }
        }
        md.append("\n").append(rewrite ? "Rewrites the table" : scan ? "Scans the table (no rewrite)" : "No rewrite, no scan")
                .append(" · ").append(transaction(s.tx(), file.runner())).append('\n');
        for (String note : notes) md.append("\n").append(note).append('\n');
        for (Finding f : findings) {
            md.append("\n- `").append(f.rule()).append("` ").append(f.message()).append('\n');
        }
        return md.toString();
    }

    private static String transaction(TxContext tx, Runner runner) {
        String name = runner.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (tx.source()) {
            case EXPLICIT -> "runs in the migration's explicit transaction (its lock is held until COMMIT)";
            case RUNNER -> runner == Runner.LIQUIBASE ? "runs in the transaction Liquibase wraps the changeset in (locks held until it commits)"
                    : "runs in the transaction " + name + " wraps the migration in (locks held until it commits)";
            case NONE -> "runs on its own, outside a transaction (" + name + ")";
        };
    }

    /** A plan as a Markdown document: each release, its steps' SQL, locks and why. */
    static String plan(Plan plan, String file) {
        StringBuilder md = new StringBuilder("# tideline plan for ").append(file).append("\n");
        if (plan.isEmpty()) md.append("\nNothing to plan: every statement is safe as written.\n");
        for (Release r : plan.releases()) {
            md.append("\n## Release ").append(r.number());
            if (r.appChange() != null) md.append(" — ").append(r.appChange());
            md.append('\n');
            for (Step s : r.steps()) {
                md.append("\n").append(s.reason()).append(s.transactional() ? "" : " (outside a transaction)")
                        .append(s.locks().isEmpty() ? "" : "; locks: " + String.join(", ", s.locks())).append("\n\n```sql\n")
                        .append(s.sql().strip()).append("\n```\n");
            }
            if (r.gate() != null) md.append("\nBefore the next release: ").append(r.gate()).append('\n');
        }
        for (String n : plan.noSafePath()) md.append("\n**No safe path:** ").append(n).append('\n');
        for (String n : plan.notes()) md.append("\n> ").append(n).append('\n');
        return md.toString();
    }
}
