package dev.tideline.analyzer.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.model.Operation;
import org.junit.jupiter.api.Test;

/** JSqlParser is only ever called with a depth guard and a timeout, and gives up cleanly when either trips. */
class JsqlFallbackTest {
    /** Nested just under the guard and long: JSqlParser needs far more than a millisecond for it anywhere. */
    private static final String HEAVY = "ALTER TABLE t ADD COLUMN a int UNSIGNED DEFAULT " + "(".repeat(95)
            + "b = 1 OR " + "(b + 1) * 2 > 3 AND c IN (1, 2, 3) OR d BETWEEN 1 AND 2 OR ".repeat(400) + "x" + ")".repeat(95);

    @Test
    void aParseThatTakesTooLongIsAbandonedAndSaysSo() throws InterruptedException {
        Operation.Unrecognized u = assertInstanceOf(Operation.Unrecognized.class, JsqlFallback.parse(HEAVY, 1));
        assertEquals("JSqlParser did not finish within 1 ms", u.reason());
        // the abandoned parse must not keep a worker busy
        int idleChecks = 0;
        for (int i = 0; i < 300 && idleChecks < 5; i++) {
            idleChecks = busyWorkers() == 0 ? idleChecks + 1 : 0;
            Thread.sleep(50);
        }
        assertEquals(5, idleChecks, "a JSqlParser worker is still running 15 s after its timeout");
    }

    @Test
    void nestingBeyondTheGuardNeverReachesJsqlParser() {
        String deep = "FROB " + "(".repeat(101) + "1" + ")".repeat(101);
        assertTrue(((Operation.Unrecognized) JsqlFallback.parse(deep, 60_000)).reason().contains("nested deeper than 100"));
        String huge = "FROB " + "x ".repeat(60_000);
        assertTrue(((Operation.Unrecognized) JsqlFallback.parse(huge, 60_000)).reason().contains("longer than"));
    }

    private static long busyWorkers() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals("tideline-jsqlparser"))
                .filter(e -> e.getKey().getState() == Thread.State.RUNNABLE)
                .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith("net.sf.jsqlparser")))
                .count();
    }
}
