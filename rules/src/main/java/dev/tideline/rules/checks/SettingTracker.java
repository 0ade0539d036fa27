package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.rules.StatementUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Follows one setting (e.g. {@code lock_timeout}) through a file: SET / SET LOCAL / RESET / set_config, with
 * SET LOCAL lasting only until its transaction ends. Feed it every statement in order.
 */
final class SettingTracker {
    private final String name;
    private boolean session;
    private int localBlock = Integer.MIN_VALUE;

    SettingTracker(String name) {
        this.name = name;
    }

    void accept(StatementUnit u) {
        for (AnalyzedOperation op : u.operations()) {
            if (!(op.operation() instanceof Operation.SetSetting s) || !s.name().equalsIgnoreCase(name)) continue;
            boolean on = s.value() != null && !isZero(s.value());
            if (s.local()) {
                localBlock = on && u.tx().inTransaction() ? u.tx().blockId() : Integer.MIN_VALUE;
            } else {
                session = on;
                if (!on) localBlock = Integer.MIN_VALUE;
            }
        }
    }

    /**
     * The statements that match {@code risky} while the setting is not in force, the first of each stretch only: one
     * finding says the setting is missing, and a SET of it starts a new stretch.
     */
    List<StatementUnit> firstUncovered(List<StatementUnit> statements, Predicate<StatementUnit> risky) {
        List<StatementUnit> out = new ArrayList<>();
        boolean reportedThisStretch = false;
        for (StatementUnit u : statements) {
            accept(u);
            if (active(u)) {
                reportedThisStretch = false;
            } else if (!reportedThisStretch && risky.test(u)) {
                reportedThisStretch = true;
                out.add(u);
            }
        }
        return out;
    }

    /** Whether the setting is in force for this statement. */
    boolean active(StatementUnit u) {
        return session || (u.tx().inTransaction() && u.tx().blockId() == localBlock);
    }

    /** {@code 0}, {@code '0'}, {@code '0ms'}, DEFAULT: no timeout at all. */
    private static boolean isZero(String value) {
        String v = value.trim().replace("'", "").replace("\"", "").toLowerCase(Locale.ROOT);
        return v.equals("default") || v.matches("0+\\s*(ms|s|min|h|d)?");
    }
}
