package dev.tideline.mysql.plan;

import dev.tideline.analyzer.tx.Runner;

/**
 * How a migration file hands a compound statement (a {@code CREATE PROCEDURE … BEGIN … END} holding semicolons of its
 * own) to the server in each runner's terms: the mysql client and Flyway read {@code DELIMITER}; goose keeps what
 * stands between {@code StatementBegin} and {@code StatementEnd} whole; golang-migrate (with {@code multiStatements=true})
 * , Liquibase ({@code splitStatements:false}), Prisma, Diesel and sqlx send the file as one text, which the server parses statement by statement.
 */
record RunnerSql(Runner runner) {
    /** A statement without semicolons of its own, terminated. */
    String simple(String statement) {
        return terminated(statement) + "\n";
    }

    /** A statement holding semicolons of its own, terminated as the runner reads it. */
    String compound(String statement) {
        String body = strip(statement);
        return switch (runner == null ? Runner.PLAIN : runner) {
            case GOOSE -> "-- +goose StatementBegin\n" + body + ";\n-- +goose StatementEnd\n";
            case GOLANG_MIGRATE, LIQUIBASE, PRISMA, DIESEL, SQLX -> body + ";\n";
            default -> "DELIMITER $$\n" + body + "$$\nDELIMITER ;\n";
        };
    }

    static String terminated(String statement) {
        return strip(statement) + ";";
    }

    /** The statement without its terminating semicolon and trailing blanks (its inside is never touched). */
    static String strip(String statement) {
        String s = statement.stripTrailing();
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).stripTrailing();
        return s;
    }
}
