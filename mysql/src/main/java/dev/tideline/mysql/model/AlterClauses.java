package dev.tideline.mysql.model;

import dev.tideline.mysql.effects.Clause;

/**
 * What an ALTER TABLE / CREATE INDEX / DROP INDEX says about how to run it, apart from its sub-commands.
 *
 * @param clause       the explicit {@code ALGORITHM=}/{@code LOCK=} (either position; {@code DEFAULT} is not written)
 * @param waitSeconds  MariaDB {@code WAIT n} (n), {@code NOWAIT} (0), else null
 * @param online       MariaDB {@code ALTER ONLINE TABLE} (LOCK=NONE)
 * @param ifExists     MariaDB {@code ALTER TABLE IF EXISTS t}
 */
public record AlterClauses(Clause clause, Integer waitSeconds, boolean online, boolean ifExists) {
    public static final AlterClauses NONE = new AlterClauses(Clause.DEFAULT, null, false, false);
}
