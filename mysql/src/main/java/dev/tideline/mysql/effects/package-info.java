/**
 * The online-DDL effect model of MySQL 8.0/8.4 and MariaDB 10.6–11.x: for a statement, a server version and an
 * explicit {@code ALGORITHM=}/{@code LOCK=} clause, what the server does.
 * <pre>{@code
 * MySqlVersion v = MySqlVersion.parse(serverVersionString, MySqlVersion.Flavour.MYSQL);   // "8.0.31", "10.11.5-MariaDB"
 * Prediction p = OnlineDdl.predict(setupSql, statementSql, v);   // or OnlineDdl.predict(operation, schema)
 * p.kinds();              // the DdlKinds the statement was classified as ([UNMODELLED] when it was not)
 * p.effect();             // as written: algorithm(), rebuild(), lock() (weakest LOCK allowed), mdl(), implicitCommit(),
 *                         // dataDependent(), notes()
 * p.outcome(Clause.of(Algorithm.INPLACE, LockLevel.NONE));  // Outcome.Runs(algorithm, rebuild) or Outcome.Refused(errnos, reason)
 * }</pre>
 * {@link dev.tideline.mysql.effects.Algorithm} is ordered cheapest first, {@link dev.tideline.mysql.effects.LockLevel}
 * weakest first. {@code Outcome.Runs.rebuild()} is what {@code information_schema.INNODB_TABLES.TABLE_ID} changing
 * shows; {@code Refused.errnos()} the error numbers the server may answer (1845/1846 not supported, 1221 INSTANT with
 * LOCK on MySQL, 1064 no clause allowed, 1674 unsafe default, 4092 row versions used up).
 * The conformance suite ({@code src/test/.../conformance}) checks every prediction against real servers; the reference
 * it started from is {@code ../shared/reference/mysql-online-ddl.md}, and where they differ the servers win.
 */
package dev.tideline.mysql.effects;
