package dev.tideline.rules.plan;

import java.util.List;

/**
 * One release's share of one change: stages of different changes with the same index ship together. Each engine's
 * plan kinds write them; {@link Planner#merge} makes the releases.
 */
public record Stage(String appChange, String gate, List<Step> steps) {
    public Stage {
        steps = List.copyOf(steps);
    }

    public static Stage of(String appChange, String gate, Step... steps) {
        return new Stage(appChange, gate, List.of(steps));
    }
}
