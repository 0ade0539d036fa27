package dev.tideline.analyzer.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnsTest {
    private static ColumnModel col(String name, String type) {
        return new ColumnModel(name, type, false, null);
    }

    @Test
    void eachVersionKeepsItsOwnColumnsWhileLaterOnesShareTheStorage() {
        Map<String, ColumnModel> v0 = new LinkedHashMap<>(Map.of("id", col("id", "bigint")));
        Map<String, ColumnModel> v1 = Columns.with(v0, "a", col("a", "text"));
        Map<String, ColumnModel> v2 = Columns.with(v1, "b", col("b", "text"));
        Map<String, ColumnModel> v3 = Columns.with(v2, "c", col("c", "int"));
        assertEquals(List.of("id", "a"), List.copyOf(v1.keySet()));
        assertEquals(List.of("id", "a", "b", "c"), List.copyOf(v3.keySet()));
        assertFalse(v1.containsKey("b"));
        assertNull(v2.get("c"));
        assertEquals(col("c", "int"), v3.get("c"));
        assertEquals(Map.of("id", col("id", "bigint"), "a", col("a", "text")), v1);
    }

    @Test
    void addingToAnOlderVersionOrReplacingAColumnDoesNotChangeOtherVersions() {
        Map<String, ColumnModel> v1 = Columns.with(Map.of(), "a", col("a", "text"));
        Map<String, ColumnModel> v2 = Columns.with(v1, "b", col("b", "text"));
        Map<String, ColumnModel> fork = Columns.with(v1, "x", col("x", "int")); // v1 is no longer the newest
        Map<String, ColumnModel> replaced = Columns.with(v2, "a", col("a", "varchar(10)"));
        assertEquals(List.of("a", "x"), List.copyOf(fork.keySet()));
        assertEquals(List.of("a", "b"), List.copyOf(v2.keySet()));
        assertEquals("text", v2.get("a").type());
        assertEquals(List.of("a", "b"), List.copyOf(replaced.keySet()), "a replaced column keeps its place");
        assertEquals("varchar(10)", replaced.get("a").type());
    }

    @Test
    void isReadOnly() {
        Map<String, ColumnModel> v1 = Columns.with(Map.of(), "a", col("a", "text"));
        assertThrows(UnsupportedOperationException.class, () -> v1.put("b", col("b", "text")));
        assertThrows(UnsupportedOperationException.class, () -> v1.entrySet().iterator().remove());
    }
}
