package dev.tideline.rules.engine;

/**
 * What a run checks migrations for, chosen once per run: an engine and a server version.
 *
 * @param dialect the dialect as the user named it ({@code mariadb} is the MySQL engine's MariaDB flavour)
 * @param version the version as written, normalised by the engine; null for the engine's default
 * @param display the target in the engine's own words, e.g. {@code MySQL 8.0.36}
 */
public record Target(LintEngine engine, String dialect, String version, String display) {}
