package dev.tideline.trace.conformance;

import dev.tideline.analyzer.model.LockMode;
import java.util.Map;
import java.util.Set;

/**
 * What the server did for one statement.
 *
 * @param locks              strongest mode the statement's backend held or asked for, per relation (display name)
 * @param kinds              pg_class.relkind of every relation that existed before or was locked
 * @param newFiles           tables and materialized views whose relfilenode changed
 * @param scanned            tables read by a sequential scan in the statement's transaction, or null when not measured
 * @param inTransactionBlock true when the statement ran inside BEGIN … ROLLBACK; false when the server refused that
 *                           (SQLSTATE 25001) and it ran on its own while pg_locks was watched
 * @param existedBefore      relations that existed before the statement
 */
record Observation(Map<String, LockMode> locks, Map<String, Character> kinds, Set<String> newFiles, Set<String> scanned,
                   boolean inTransactionBlock, Set<String> existedBefore) {}
