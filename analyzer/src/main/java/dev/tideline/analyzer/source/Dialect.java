package dev.tideline.analyzer.source;

/**
 * Who reads the file before the server does, which decides where its statements end: psql has its own
 * commands and reads {@code standard_conforming_strings} line by line; a runner that splits the file sends the
 * statements one by one; a runner that sends the whole file lets the server parse all of it before running any.
 */
public enum Dialect {
    /** {@code psql -f} (and files no runner claims): meta-commands, {@code \;}, COPY data, {@code :variables}. */
    PSQL,
    /** The runner splits the file and sends statements one by one (Flyway, Liquibase, goose): a SET applies to the next. */
    STATEMENTS,
    /** The whole file is one query string (golang-migrate, Prisma, diesel, sqlx): parsed at once, before any SET runs. */
    SCRIPT
}
