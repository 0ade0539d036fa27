--liquibase formatted sql
--changeset me:1 runInTransaction:false
CREATE INDEX CONCURRENTLY i ON t (a);
--rollback DROP INDEX i;
