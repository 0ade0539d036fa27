-- Two statements in one file run as one implicit transaction in golang-migrate's multi-statement
-- exec, so the CONCURRENTLY index fails at deploy time ("cannot run inside a transaction block").
SET lock_timeout = '3s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_occurred_at_idx ON events (occurred_at);
