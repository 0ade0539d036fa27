package dev.tideline.analyzer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quoting checked against PostgreSQL 15 itself: its quote_ident, and what it reads back from what we write. */
class QuotingTest {
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    static final List<String> TRICKY = List.of("users", "User", "authorId", "left", "order", "_x1", "x$y", "1abc",
            "a b", "a\"b", "\"", "a\nb", "tab\there", "é", "naïve", "%s", "50%", "$tideline$", "a;b", "--x", "",
            "current_user", "int", "xmin", "name", "text", "uSeRs");

    @Test
    void identifiersAreQuotedExactlyAsQuoteIdentDoes() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "postgres", "")) {
            List<String> names = new ArrayList<>(TRICKY);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT word FROM pg_get_keywords()")) {
                while (rs.next()) names.add(rs.getString(1));
            }
            assertTrue(names.size() > 450, "every keyword of the server: " + names.size());
            try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(?)")) {
                for (String name : names) {
                    if (name.isEmpty()) continue; // quote_ident('') is "", an identifier PostgreSQL rejects anyway
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertEquals(rs.getString(1), Quoting.ident(name), "quote_ident(" + name + ")");
                    }
                }
            }
        }
    }

    @Test
    void keywordsOfLaterVersionsAreQuotedAndStillNameTheSameColumn() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "postgres", "");
             Statement st = c.createStatement()) {
            for (String word : List.of("system_user", "json", "json_table", "merge_action")) {
                assertTrue(Quoting.ident(word).startsWith("\""), word);
                try (ResultSet rs = st.executeQuery("SELECT 1 AS " + Quoting.ident(word))) {
                    assertEquals(word, rs.getMetaData().getColumnLabel(1));
                }
            }
        }
    }

    @Test
    void literalsReadBackUnchangedWhateverStandardConformingStringsIs() throws SQLException {
        List<String> texts = List.of("plain", "it's", "back\\slash", "\\'", "line\nbreak", "$$", "%");
        try (Connection c = DriverManager.getConnection(URL, "postgres", "");
             Statement st = c.createStatement()) {
            for (String setting : List.of("on", "off")) {
                st.execute("SET standard_conforming_strings = " + setting);
                for (String text : texts) {
                    try (ResultSet rs = st.executeQuery("SELECT " + Quoting.literal(text))) {
                        rs.next();
                        assertEquals(text, rs.getString(1), "standard_conforming_strings " + setting);
                    }
                }
            }
        }
    }

    @Test
    void dollarQuotesChooseATagTheBodyDoesNotHold() throws SQLException {
        List<String> bodies = List.of("SELECT 1", "x $tideline$; DROP TABLE t; $tideline$", "ends with $tideline",
                "$tideline$ and $tideline_1$", "");
        try (Connection c = DriverManager.getConnection(URL, "postgres", "");
             Statement st = c.createStatement()) {
            for (String body : bodies) {
                try (ResultSet rs = st.executeQuery("SELECT " + Quoting.dollarQuoted(body))) {
                    rs.next();
                    assertEquals(body, rs.getString(1));
                }
            }
        }
    }

    @Test
    void commentTextStaysOnOneLine() {
        String text = Quoting.comment("a\nDROP TABLE users; --\r\nb");
        assertFalse(text.contains("\n") || text.contains("\r"), text);
        assertEquals("a\\nDROP TABLE users; --\\r\\nb", text);
    }
}
