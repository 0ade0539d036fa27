-- Release 5: the safe way to index a live table: no write lock, idempotent if a previous run failed.
SET lock_timeout = '2s';
SET statement_timeout = '0';

CREATE INDEX CONCURRENTLY IF NOT EXISTS products_name_idx ON products (name);
