package dev.tideline.api;

import dev.tideline.analyzer.tx.Runner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runner names as users write them in options, parameters and configuration: {@code golang-migrate}, {@code Flyway}. */
public final class RunnerNames {
    private RunnerNames() {}

    /** @throws IllegalArgumentException for an unknown name, listing the known ones */
    public static Runner parse(String name) {
        try {
            return Runner.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (Runner r : Runner.values()) names.add(name(r));
            throw new IllegalArgumentException("unknown runner '" + name + "': choose one of " + String.join(", ", names), e);
        }
    }

    /** {@code golang-migrate}, as the user writes it. */
    public static String name(Runner runner) {
        return runner.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
