package dev.tideline.analyzer.tx;

/**
 * Migration runners, which decide the implied transaction around a file (or changeset).
 * PLAIN means no implied transaction: only explicit BEGIN/COMMIT count.
 */
public enum Runner {
    /** Each versioned file in one transaction, unless it holds statements that cannot run in one. */
    FLYWAY,
    /** Each changeset in one transaction unless {@code runInTransaction:false}. */
    LIQUIBASE,
    /** The whole file sent as one simple query: an implicit transaction when it holds several statements and no explicit one. */
    GOLANG_MIGRATE,
    /** Each migration.sql sent as one script: like golang-migrate, an implicit transaction only for several statements. */
    PRISMA,
    /** Each migration in one transaction unless {@code run_in_transaction = false} in metadata.toml. */
    DIESEL,
    /** Each migration in one transaction unless the file starts with {@code -- no-transaction}. */
    SQLX,
    /** goose ({@code -- +goose Up} files): each migration in one transaction unless {@code -- +goose NO TRANSACTION}. */
    GOOSE,
    /** {@code psql -f}: autocommit, one statement at a time. */
    PSQL,
    /** No runner known: autocommit, only explicit transactions. */
    PLAIN
}
