package dev.tideline.analyzer.tx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises a migration runner from a file's name, its directory layout and (for Liquibase/sqlx) its first line. */
public final class RunnerDetector {
    static final Pattern LIQUIBASE_HEADER = Pattern.compile("^\\s*--\\s*liquibase\\s+formatted\\s+sql\\b.*", Pattern.CASE_INSENSITIVE);
    // file and folder names may hold any character, a line break included (DOTALL)
    private static final Pattern FLYWAY = Pattern.compile("^(?:[VUB][0-9][0-9._]*|R)__.+\\.sql$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern UP_DOWN = Pattern.compile("^[0-9]+[_-].*\\.(?:up|down)\\.sql$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern PRISMA_DIR = Pattern.compile("^[0-9]{14}_.+", Pattern.DOTALL);
    private static final Pattern DIESEL_DIR = Pattern.compile("^[0-9]{4}-?[0-9]{2}-?[0-9]{2}[-_]?[0-9]{6}(?:-[0-9]{4})?_.+|^[0-9]+_.+", Pattern.DOTALL);
    private static final Pattern FLYWAY_UNDO = Pattern.compile("^u[0-9][0-9._]*__.+\\.sql$", Pattern.DOTALL);
    private static final Pattern GOOSE_UP = Pattern.compile("^\\s*--\\s*\\+goose\\s+up\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern GOOSE_NO_TX = Pattern.compile("(?im)^\\s*--\\s*\\+goose\\s+no\\s+transaction\\b");
    private static final Pattern SQLX_NO_TX = Pattern.compile("^\\s*--\\s*no-transaction\\b.*", Pattern.CASE_INSENSITIVE);

    private RunnerDetector() {}

    /** The runner for one file; {@code firstLine} may be null when the content is not known. */
    public static Runner detect(Path file, String firstLine) {
        if (firstLine != null && LIQUIBASE_HEADER.matcher(firstLine).matches()) return Runner.LIQUIBASE;
        if (firstLine != null && GOOSE_UP.matcher(firstLine).matches()) return Runner.GOOSE;
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String dir = file.getParent() == null || file.getParent().getFileName() == null ? "" : file.getParent().getFileName().toString();
        if (FLYWAY.matcher(name).matches()) return Runner.FLYWAY;
        if (lower.equals("migration.sql") && PRISMA_DIR.matcher(dir).matches()) return Runner.PRISMA;
        if ((lower.equals("up.sql") || lower.equals("down.sql")) && DIESEL_DIR.matcher(dir).matches()) return Runner.DIESEL;
        if (firstLine != null && SQLX_NO_TX.matcher(firstLine).matches()) return Runner.SQLX;
        if (UP_DOWN.matcher(name).matches()) return Runner.GOLANG_MIGRATE;
        return Runner.PLAIN;
    }

    /** Down/undo migrations, which run only when rolling back and so are not replayed into the schema. */
    public static boolean isDown(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".down.sql") || name.equals("down.sql") || FLYWAY_UNDO.matcher(name).matches();
    }

    /** True when the runner was told not to wrap this file in a transaction (Diesel metadata.toml, Flyway .conf). */
    public static boolean transactionDisabledBySidecar(Path file, Runner runner) {
        try {
            if (runner == Runner.DIESEL && file.getParent() != null) {
                Path meta = file.getParent().resolve("metadata.toml");
                return Files.isRegularFile(meta)
                        && Files.readString(meta).replaceAll("\\s", "").contains("run_in_transaction=false");
            }
            if (runner == Runner.FLYWAY) {
                Path conf = file.resolveSibling(file.getFileName() + ".conf");
                return Files.isRegularFile(conf)
                        && Files.readString(conf).replaceAll("\\s", "").contains("executeInTransaction=false");
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** goose: a {@code -- +goose NO TRANSACTION} annotation anywhere in the file turns the transaction off. */
    public static boolean gooseNoTransaction(String text) {
        return text != null && GOOSE_NO_TX.matcher(text).find();
    }

    /** sqlx: a first line {@code -- no-transaction} turns the implied transaction off. */
    public static boolean sqlxNoTransaction(String firstLine) {
        return firstLine != null && SQLX_NO_TX.matcher(firstLine).matches();
    }
}
