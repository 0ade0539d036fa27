--liquibase formatted sql

--changeset maria:2-order-notes
ALTER TABLE orders ADD COLUMN notes text;
--rollback ALTER TABLE orders DROP COLUMN notes;
