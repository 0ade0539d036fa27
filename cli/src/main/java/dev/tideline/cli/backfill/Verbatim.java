package dev.tideline.cli.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Statements sent as written. A job's SQL is the user's text: a prepared statement would read its jsonb
 * {@code ?}, {@code ?|} and {@code ?&} operators as parameters, and JDBC escape processing would rewrite
 * {@code {fn ...}}; so values are written into the text as quoted literals instead, and nothing is rewritten.
 */
final class Verbatim {
    private Verbatim() {}

    static Statement statement(Connection c) throws SQLException {
        Statement st = c.createStatement();
        st.setEscapeProcessing(false);
        return st;
    }
}
