package dev.tideline.rules;

/**
 * A rule about the suppression comments themselves. It runs after the other rules of a file, once the
 * suppressions know what they silenced, and its own findings cannot be suppressed.
 */
public interface SuppressionCheck extends Rule {}
