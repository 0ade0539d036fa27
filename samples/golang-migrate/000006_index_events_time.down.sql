DROP INDEX CONCURRENTLY IF EXISTS events_occurred_at_idx;
