package dev.tideline.mysql.conformance;

import java.util.List;

/**
 * One statement to run on a fresh schema. {@code setup} builds the schema (with rows) and may set session variables
 * such as {@code foreign_key_checks}; it runs on the connection that then runs {@code statement}, which is written
 * without an ALGORITHM/LOCK clause (the oracle adds each clause itself).
 *
 * @param table      the table whose InnoDB table id tells whether it was rebuilt, and that a second session holds a
 *                   metadata lock on
 * @param tableAfter the same table's name after the statement (differs for renames)
 */
record DdlCase(String name, List<String> setup, String statement, String table, String tableAfter) {

    String setupSql() {
        return String.join(";\n", setup);
    }

    @Override
    public String toString() {
        return name;
    }
}
