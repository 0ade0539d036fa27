package dev.tideline.analyzer.locks;

import dev.tideline.analyzer.model.LockEffect;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.model.TableRef;
import java.util.ArrayList;
import java.util.List;

/** Mutable builder for a {@link LockEffect}: one lock per table, the strongest requested mode wins. */
final class Effect {
    private final List<TableLock> locks = new ArrayList<>();
    private boolean rewrite;
    private boolean scan;
    private boolean transactional = true;
    private final List<String> notes = new ArrayList<>();

    /** The locks so far (a snapshot: adding while iterating it is allowed). */
    List<TableLock> locks() {
        return List.copyOf(locks);
    }

    Effect lock(TableRef table, LockMode mode, boolean referenced) {
        if (table == null) return this;
        for (int i = 0; i < locks.size(); i++) {
            TableLock l = locks.get(i);
            if (l.table().sameAs(table)) {
                if (mode.compareTo(l.mode()) > 0) locks.set(i, new TableLock(l.table(), mode, l.referenced() && referenced));
                else if (l.referenced() && !referenced) locks.set(i, new TableLock(l.table(), l.mode(), false));
                return this;
            }
        }
        locks.add(new TableLock(table, mode, referenced));
        return this;
    }

    /** A rewrite also reads the whole table. */
    Effect rewrite() {
        rewrite = true;
        scan = true;
        return this;
    }

    /** New files with the same content, copied block by block: no tuple is read (SET TABLESPACE). */
    Effect copy() {
        rewrite = true;
        return this;
    }

    Effect scan() {
        scan = true;
        return this;
    }

    Effect nonTransactional() {
        transactional = false;
        return this;
    }

    Effect note(String note) {
        if (note != null && !notes.contains(note)) notes.add(note);
        return this;
    }

    Effect merge(LockEffect other) {
        for (TableLock l : other.locks()) lock(l.table(), l.mode(), l.referenced());
        rewrite |= other.rewrite();
        scan |= other.scan();
        transactional &= other.transactional();
        return this;
    }

    LockEffect build() {
        return new LockEffect(List.copyOf(locks), rewrite, scan, transactional, notes.isEmpty() ? null : String.join("; ", notes));
    }
}
