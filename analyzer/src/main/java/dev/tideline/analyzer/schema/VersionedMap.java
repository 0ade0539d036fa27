package dev.tideline.analyzer.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A map that keeps every version of its values, so a snapshot taken before any statement can still be read after
 * the whole replay ("fat node" persistence). Writing costs O(1) and reading a past version O(log changes of that key),
 * where copying the map per changed statement cost O(tables) each time and made long histories quadratic.
 * Versions only grow: writes go to the newest version. Not thread-safe for writes; reads are safe once writing ended.
 */
final class VersionedMap<V> {
    /** The values one key took, by increasing version; a null value means removed. */
    private static final class History {
        int[] versions = new int[2];
        Object[] values = new Object[2];
        int size;

        void put(int version, Object value) {
            if (size > 0 && versions[size - 1] == version) {
                values[size - 1] = value;
                return;
            }
            if (size == versions.length) {
                versions = Arrays.copyOf(versions, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            versions[size] = version;
            values[size] = value;
            size++;
        }

        Object at(int version) {
            if (versions[size - 1] <= version) return values[size - 1];
            int i = Arrays.binarySearch(versions, 0, size, version);
            if (i >= 0) return values[i];
            int before = -i - 2;
            return before < 0 ? null : values[before];
        }
    }

    private final Map<String, History> histories;
    private long writes;

    VersionedMap() {
        this(16);
    }

    private VersionedMap(int capacity) {
        histories = new HashMap<>(capacity);
    }

    void put(int version, String key, V value) {
        writes++;
        histories.computeIfAbsent(key, k -> new History()).put(version, value);
    }

    void remove(int version, String key) {
        History h = histories.get(key);
        if (h != null && h.at(version) != null) {
            writes++;
            h.put(version, null);
        }
    }

    /** How many changes were written so far (a snapshot with no change since can be reused). */
    long writes() {
        return writes;
    }

    @SuppressWarnings("unchecked")
    V get(int version, String key) {
        History h = histories.get(key);
        return h == null ? null : (V) h.at(version);
    }

    @SuppressWarnings("unchecked")
    List<V> values(int version) {
        List<V> out = new ArrayList<>();
        for (History h : histories.values()) {
            Object v = h.at(version);
            if (v != null) out.add((V) v);
        }
        return out;
    }

    /**
     * A new map holding each key's value at {@code version} as its version {@code into}, every key ever written
     * included (removed ones as removed) and iterated in this map's order: the map is sized as this one grew and filled
     * in this one's iteration order, so later writes land where they would have landed here (findings that list
     * tables in schema order stay the same).
     */
    VersionedMap<V> copyAt(int version, int into) {
        int capacity = 16;
        while (histories.size() > capacity * 3 / 4) capacity <<= 1;
        VersionedMap<V> copy = new VersionedMap<>(capacity);
        histories.forEach((key, h) -> {
            History one = new History();
            one.put(into, h.at(version));
            copy.histories.put(key, one);
        });
        return copy;
    }

    List<String> keys(int version) {
        List<String> out = new ArrayList<>();
        histories.forEach((k, h) -> {
            if (h.at(version) != null) out.add(k);
        });
        return out;
    }
}
