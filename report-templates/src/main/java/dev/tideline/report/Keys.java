package dev.tideline.report;

import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.Severity;
import java.nio.file.Path;
import java.util.Locale;

/** CSS-safe keys and display names for enums; nothing here comes from SQL. */
final class Keys {
    static final String NONE = "none";

    private Keys() {}

    static String severity(Severity s) {
        return s == null ? NONE : s.name().toLowerCase(Locale.ROOT);
    }

    static String mode(LockMode m) {
        return m.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String runner(Runner r) {
        if (r == null) return "unknown runner";
        return switch (r) {
            case FLYWAY -> "Flyway";
            case LIQUIBASE -> "Liquibase";
            case GOLANG_MIGRATE -> "golang-migrate";
            case PRISMA -> "Prisma";
            case DIESEL -> "Diesel";
            case SQLX -> "SQLx";
            case GOOSE -> "goose";
            case PSQL -> "psql";
            case PLAIN -> "plain SQL (autocommit)";
        };
    }

    /** The worse of two severity keys (error > warning > info > none). */
    static String worse(String a, String b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(String key) {
        return switch (key) {
            case "error" -> 3;
            case "warning" -> 2;
            case "info" -> 1;
            default -> 0;
        };
    }

    /** A path as the user would recognise it: relative to the working directory when under it. */
    static String display(Path file) {
        if (file == null) return "(stdin)";
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : file.toString();
    }

    static Path key(Path file) {
        return file == null ? Path.of("") : file.toAbsolutePath().normalize();
    }

    /** "CreateIndex" → "create index". */
    static String words(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
