package dev.tideline.analyzer.schema;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A table's constraints or indexes, read-only. An item added to the newest version of a table is appended to storage
 * shared with the versions before it, as {@link Columns} does for columns: a table given one index at a time costs
 * memory for its indexes, not for every version of them. Read only once the replay has moved on (see Columns).
 */
final class Appended<T> extends AbstractList<T> implements RandomAccess {
    private final List<T> log;
    private final int size;

    private Appended(List<T> log, int size) {
        this.log = log;
        this.size = size;
    }

    /** {@code list} with {@code item} at its end. */
    static <T> List<T> with(List<T> list, T item) {
        if (list instanceof Appended<T> a && a.size == a.log.size()) {
            a.log.add(item);
            return new Appended<>(a.log, a.size + 1);
        }
        List<T> log = new ArrayList<>(list);
        log.add(item);
        return new Appended<>(log, log.size());
    }

    @Override
    public T get(int index) {
        if (index >= size) throw new IndexOutOfBoundsException(index);
        return log.get(index);
    }

    @Override
    public int size() {
        return size;
    }
}
