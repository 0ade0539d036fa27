-- Alone in its file, so golang-migrate sends it on its own, outside any transaction: safe.
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_account_id_idx ON events (account_id);
