package dev.tideline.mysql.lint;

import dev.tideline.analyzer.tx.Runner;
import dev.tideline.mysql.MySqlVersion;
import java.nio.file.Path;
import java.util.List;

/**
 * One targeted migration file as the wing's rules see it.
 *
 * @param statements top-level statements in file order, each followed by the statements of the procedures it calls
 * @param units      the statements grouped by migration unit: the file, or each Liquibase changeset
 */
public record MySqlFile(Path file, Runner runner, MySqlVersion version, List<MySqlStatement> statements,
                        List<List<MySqlStatement>> units) {}
