/**
 * The online-DDL effect model of MySQL 8.0/8.4 and MariaDB 10.6–11.x: for a statement, a server version and an
 * explicit {@code ALGORITHM=}/{@code LOCK=} clause, what the server does.
 *
 * <h2>Planned contract for the conformance suite ({@code dev.tideline.mysql.conformance}, test scope)</h2>
 * Not built yet: only the value types of this package exist. The suite is to run cases on real servers and compare
 * them with this model through this API only:
 * <pre>{@code
 * MySqlVersion v = MySqlVersion.parse(serverVersionString, MySqlVersion.Flavour.MYSQL);   // "8.0.31", "10.11.5-MariaDB"
 * Prediction p = OnlineDdl.predict(setupSql, statementSql, v);   // setupSql: the case's CREATE TABLE … (any number of
 *                                                                // statements, may include SET foreign_key_checks=0)
 * p.kinds();              // the DdlKinds the statement was classified as (coverage: every DdlKind needs a case)
 * p.effect();             // DdlEffect without a clause: algorithm(), lock() (weakest LOCK allowed), rebuild(),
 *                         // exclusiveMdl(), implicitCommit(), dataDependent()
 * p.outcome(Clause.of(Algorithm.INPLACE, LockLevel.NONE));  // Outcome.Runs(algorithm, rebuild) or
 *                                                           // Outcome.Refused(errnos, reason)
 * }</pre>
 * <ul>
 *   <li>{@code statementSql} is one statement without the trailing semicolon, written without an ALGORITHM/LOCK clause;
 *       the clause under test is the argument of {@code outcome}. {@code Clause.DEFAULT} is no clause.</li>
 *   <li>{@link dev.tideline.mysql.effects.Algorithm} is ordered cheapest first (INSTANT, NOCOPY, INPLACE, COPY),
 *       {@link dev.tideline.mysql.effects.LockLevel} weakest first (NONE, SHARED, EXCLUSIVE).</li>
 *   <li>{@code Runs.rebuild()} is what {@code information_schema.INNODB_TABLES.TABLE_ID} changing shows.
 *       {@code Refused.errnos()} is the set of error numbers the server may answer (1845, 1846, 1221, 1064).</li>
 *   <li>{@code effect().exclusiveMdl()} is true for every DDL: the exclusive metadata lock at start and end that
 *       {@code performance_schema.metadata_locks} shows PENDING behind an open transaction.</li>
 *   <li>A statement the model cannot classify gives {@code kinds()} = {@code [UNMODELLED]}; the suite should fail
 *       on it rather than compare.</li>
 * </ul>
 * The reference this starts from is {@code ../shared/reference/mysql-online-ddl.md} (read off real servers); where the
 * servers disagree with it, the servers win and this model changes.
 */
package dev.tideline.mysql.effects;
