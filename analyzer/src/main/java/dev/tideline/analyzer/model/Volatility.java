package dev.tideline.analyzer.model;

/** PostgreSQL function volatility of a default expression; decides whether ADD COLUMN rewrites the table. */
public enum Volatility { NONE, IMMUTABLE, STABLE, VOLATILE }
