package dev.tideline.mysql.conformance;

/**
 * What a second session saw while the statement waited behind an open transaction that had read the table.
 *
 * @param waited      the statement waited for a metadata lock (it queues every later query behind it)
 * @param pendingLock the metadata lock it waited for, from {@code performance_schema.metadata_locks} (e.g.
 *                    {@code EXCLUSIVE}); {@code ?} when the server has no performance schema and only its process list
 *                    said "Waiting for table metadata lock"
 */
record Mdl(boolean waited, String pendingLock) {}
