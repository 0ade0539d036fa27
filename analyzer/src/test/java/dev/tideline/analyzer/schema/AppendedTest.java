package dev.tideline.analyzer.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppendedTest {
    @Test
    void eachVersionKeepsItsOwnItemsWhileLaterOnesShareTheStorage() {
        List<String> v1 = Appended.with(List.of("pk"), "a_idx");
        List<String> v2 = Appended.with(v1, "b_idx");
        List<String> fork = Appended.with(v1, "c_idx"); // v1 is no longer the newest: copied
        List<String> v3 = Appended.with(v2, "d_idx");
        assertEquals(List.of("pk", "a_idx"), v1);
        assertEquals(List.of("pk", "a_idx", "b_idx"), v2);
        assertEquals(List.of("pk", "a_idx", "c_idx"), fork);
        assertEquals(List.of("pk", "a_idx", "b_idx", "d_idx"), v3);
        assertThrows(IndexOutOfBoundsException.class, () -> v1.get(2));
        assertThrows(UnsupportedOperationException.class, () -> v2.add("e_idx"));
    }
}
