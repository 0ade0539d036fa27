package dev.tideline.api;

import dev.tideline.rules.plan.Plan;

/** The releases planned for the risky changes of {@link Linted#result()}. */
public record Planned(Linted linted, Plan plan) {}
