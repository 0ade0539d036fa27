--liquibase formatted sql

--changeset maria:1-create-tenants
CREATE TABLE tenants (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
--rollback DROP TABLE tenants;

--changeset maria:2-create-invoices
CREATE TABLE invoices (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   bigint NOT NULL REFERENCES tenants (id),
    total_cents bigint NOT NULL,
    due_on      date   NOT NULL,
    status      text   NOT NULL DEFAULT 'open'
);
--rollback DROP TABLE invoices;

--changeset jonas:3-index-invoices-tenant runInTransaction:false
--comment: Liquibase runs this changeset outside a transaction, as CONCURRENTLY requires.
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS invoices_tenant_id_idx ON invoices (tenant_id);
--rollback DROP INDEX CONCURRENTLY IF EXISTS invoices_tenant_id_idx;

--changeset jonas:4-invoice-status-check
--comment: Validates every existing row while holding ACCESS EXCLUSIVE on invoices.
ALTER TABLE invoices ADD CONSTRAINT invoices_status_check
    CHECK (status IN ('open', 'paid', 'void'));
--rollback ALTER TABLE invoices DROP CONSTRAINT invoices_status_check;

--changeset jonas:5-index-invoices-due
--comment: CONCURRENTLY inside the changeset's default transaction: fails at deploy time.
CREATE INDEX CONCURRENTLY invoices_due_on_idx ON invoices (due_on);
--rollback DROP INDEX invoices_due_on_idx;

--changeset maria:6-invoice-currency
--comment: The backfill updates every row of invoices in one transaction: long row locks, table bloat.
ALTER TABLE invoices ADD COLUMN currency text;
UPDATE invoices SET currency = 'EUR';
--rollback ALTER TABLE invoices DROP COLUMN currency;

--changeset maria:7-drop-due-on
ALTER TABLE invoices DROP COLUMN due_on;
--rollback ALTER TABLE invoices ADD COLUMN due_on date;
