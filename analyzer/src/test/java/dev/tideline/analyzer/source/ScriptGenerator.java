package dev.tideline.analyzer.source;

import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * Generates migration text from a small grammar of the constructs that decide where statements end: ordinary, E'',
 * U&amp;'' and dollar-quoted strings (with and without tags, with tags made of non-ASCII letters), quoted and
 * non-ASCII identifiers holding {@code $}, nested block comments, line comments ended by LF, CRLF or a lone CR,
 * Go-template and Flyway placeholders, backslashes, {@code SET standard_conforming_strings}, {@code BEGIN ATOMIC}
 * routines and DO blocks; for psql, also meta-commands, {@code \;}, {@code \g} and {@code COPY … FROM stdin} data.
 *
 * <p>Every choice comes from one {@code pick(n)} source (a seeded {@link Random} for the differential test, Jazzer's
 * data for the fuzz target); choice 0 is always the shortest, so an exhausted fuzzer input still ends.
 *
 * <p>For psql ({@link #forPsql}) the text must also run on PostgreSQL 15 without an error, because psql stops at the
 * first one: every statement is valid SQL, and an ordinary string holds a backslash only where psql and the server
 * read it under the same {@code standard_conforming_strings}. The JDBC variant has no such limit (pgJDBC only splits)
 * but leaves out what pgJDBC reads differently from the server (see {@link PgJdbcSplit}): BEGIN ATOMIC, a
 * non-ASCII character that is no Java identifier character before a {@code $}, {@code ?}, unbalanced parentheses.
 * The psql variant covers those against the server itself.
 */
final class ScriptGenerator {
    private final IntUnaryOperator pick;
    private final boolean psql;
    private final String names;
    private final StringBuilder out = new StringBuilder();
    private int routines;
    // standard_conforming_strings as psql and the server will both read the next string; null: they may disagree
    private Boolean standardStrings = true;
    private Boolean pendingSet;     // a SET not yet sent, or sent with the rest of its line still read the old way
    private boolean pendingSent;
    private boolean joined;         // the last separator was psql's \; (the query is not sent yet)

    private ScriptGenerator(IntUnaryOperator pick, boolean psql, String names) {
        this.pick = pick;
        this.psql = psql;
        this.names = names;
    }

    /** Text psql runs on PostgreSQL 15 without an error; {@code names} prefixes the routines it creates. */
    static ScriptGenerator forPsql(IntUnaryOperator pick, String names) {
        return new ScriptGenerator(pick, true, names);
    }

    /** Text for pgJDBC's splitter: anything it can split as the server would. */
    static ScriptGenerator forJdbc(IntUnaryOperator pick) {
        return new ScriptGenerator(pick, false, "splitdiff");
    }

    static IntUnaryOperator random(long seed) {
        Random r = new Random(seed);
        return r::nextInt;
    }

    /** A script of {@code statements} statements (the last one without a terminator now and then). */
    String script(int statements) {
        for (int i = 0; i < statements; i++) {
            boolean last = i == statements - 1;
            statement();
            if (!last || pick(3) > 0) separator();
        }
        return out.toString();
    }

    private int pick(int n) {
        return pick.applyAsInt(n);
    }

    private <T> T one(List<T> choices) {
        return choices.get(pick(choices.size()));
    }

    private void statement() {
        trivia();
        switch (pick(psql ? 8 : 7)) {
            case 0, 1, 2 -> select();
            case 3 -> setStandardStrings();
            case 4 -> doBlock();
            case 5 -> {
                if (psql) atomicRoutine();
                else select();
            }
            case 6 -> {
                if (psql) metaCommand();
                else jdbcOnly();
            }
            default -> {
                if (joined) select(); // COPY's data is read when psql sends the query: not inside a \\; chain
                else copyFromStdin();
            }
        }
    }

    private void separator() {
        boolean sends = true;
        joined = false;
        switch (psql ? pick(7) : pick(4)) {
            case 0 -> out.append(";\n");
            case 1 -> out.append(';');
            case 2 -> out.append("; -- after").append(one(List.of("\n", "\r\n", " ;\n")));
            case 3 -> out.append(" /* c; */;").append(one(List.of("", "\n", " ")));
            case 4 -> {
                out.append(" \\; ");
                sends = false; // psql keeps adding to the same query
                joined = true;
            }
            case 5 -> out.append(" \\g\n");
            default -> out.append("\n;\n");
        }
        if (sends && pendingSet != null) {
            if (!pendingSent) standardStrings = null; // psql reads the rest of this line with the old setting
            pendingSent = true;
        }
        if (pendingSent && out.charAt(out.length() - 1) == '\n') {
            standardStrings = pendingSet;
            pendingSet = null;
            pendingSent = false;
        }
    }

    private void trivia() {
        switch (pick(8)) {
            case 0, 1, 2 -> out.append(' ');
            case 3 -> out.append('\n');
            case 4 -> blockComment();
            case 5 -> lineComment();
            case 6 -> out.append("\t\f");
            default -> out.append(' ');
        }
    }

    private void blockComment() {
        out.append(psql ? "/*" : "/* "); // pgJDBC reads "/*/" as a whole comment (see PgJdbcSplit)
        int n = pick(4);
        for (int i = 0; i < n; i++) {
            if (pick(4) == 0) {
                if (!psql && out.charAt(out.length() - 1) == '*') out.append(' '); // see PgJdbcSplit
                blockComment();
            }
            else out.append(one(List.of(" ; ", "'", "\"", "$$", "$a$", "--", "{{", "}}", "€", "\n", " * ", " / ", "\\")));
        }
        out.append("*/");
    }

    private void lineComment() {
        out.append("--");
        int n = pick(3);
        for (int i = 0; i < n; i++) out.append(one(List.of(" ; ", "'", "\"", "$$", "/*", "*/", "{{", "é", "\\")));
        // a lone CR ends a line comment for the server, pgJDBC and psql alike
        out.append(one(List.of("\n", "\r\n", "\r ")));
    }

    private void select() {
        out.append("SELECT ");
        int items = 1 + pick(3);
        for (int i = 0; i < items; i++) {
            if (i > 0) out.append(',');
            if (pick(3) == 0) trivia();
            expression(2);
            if (pick(2) == 1) {
                out.append(" AS ");
                alias();
            }
        }
    }

    private void expression(int depth) {
        switch (pick(depth > 0 ? 9 : 7)) {
            case 0 -> out.append(1 + pick(99));
            case 1 -> plainString();
            case 2 -> escapeString();
            case 3 -> dollarString();
            case 4 -> {
                if (standardStrings == Boolean.TRUE) unicodeString(); // the server refuses U&'' when it is off
                else plainString();
            }
            case 5 -> {
                plainString();
                out.append("::text");
            }
            case 6 -> {
                if (psql) out.append(1 + pick(9));
                else out.append(one(List.of("{{ .Name }}", "{{index .Options \"ns\"}}", "${schema}", "{{", "}}", "${",
                        ":name", "`tick`", "[1]", "€$a$", "é$$")));
            }
            case 7 -> {
                out.append('(');
                expression(depth - 1);
                out.append(')');
            }
            default -> {
                out.append('(');
                expression(depth - 1);
                out.append(pick(2) == 0 ? ")::text || (" : ")::text /* op */ || (");
                expression(depth - 1);
                out.append(")::text");
            }
        }
    }

    private void alias() {
        if (pick(2) == 0) {
            out.append(one(psql ? List.of("a", "€$a$", "é$$", "a$b$", "x€", "\u00A0$b$", "_1")
                    : List.of("a", "€$a$", "é$$", "a$b$", "x€", "_1")));
        } else {
            out.append('"');
            int n = pick(4);
            for (int i = 0; i < n; i++) out.append(one(List.of("q", ";", "\"\"", "'", "$$", "--", "/*", "{{", "\\", "€")));
            out.append("x\"");
        }
    }

    private static final List<String> STRING_TEXT = List.of("a", ";", "''", "\"", "$", "$$", "$a$", "--", "/*", "*/",
            "{{", "}}", "€", "é", "\n", " ", "x;y", "E");

    private void plainString() {
        boolean national = pick(5) == 0;
        out.append(national ? "N'" : "'");
        int n = pick(5);
        for (int i = 0; i < n; i++) {
            int k = pick(STRING_TEXT.size() + 2);
            if (k < STRING_TEXT.size()) {
                out.append(STRING_TEXT.get(k));
            } else if (standardStrings == Boolean.TRUE) {
                out.append('\\'); // an ordinary character
            } else if (standardStrings == Boolean.FALSE) {
                out.append(k == STRING_TEXT.size() ? "\\\\" : "\\'"); // escapes
            }
        }
        out.append('\'');
    }

    private void escapeString() {
        out.append(pick(2) == 0 ? "E'" : "e'");
        int n = pick(5);
        for (int i = 0; i < n; i++) {
            int k = pick(STRING_TEXT.size() + 3);
            if (k < STRING_TEXT.size() && (psql || !STRING_TEXT.get(k).equals("''"))) out.append(STRING_TEXT.get(k));
            else out.append(List.of("\\'", "\\\\", "\\;").get(k % 3)); // '' in E'' for psql only: see PgJdbcSplit
        }
        out.append('\'');
    }

    private void unicodeString() {
        out.append("U&'");
        int n = pick(4);
        for (int i = 0; i < n; i++) out.append(one(List.of("a", ";", "''", "\\0061", "\\\\", "$$", "--")));
        out.append('\'');
    }

    private void dollarString() {
        String tag = one(List.of("", "a", "tag", "é", "_1", "x€"));
        String delimiter = "$" + tag + "$";
        StringBuilder body = new StringBuilder();
        int n = pick(5);
        for (int i = 0; i < n; i++) body.append(one(List.of(";", "'", "\"", "$b$", "$1", "--", "/*", "\\", "{{", "€", "\n", "x")));
        // the body must not end the string early: the first delimiter after the opening one closes it
        String text = (body + delimiter).indexOf(delimiter) == body.length() ? body.toString() : "x";
        out.append(delimiter).append(text).append(delimiter);
    }

    private void setStandardStrings() {
        boolean on = pick(2) == 0;
        String value = on ? one(List.of("on", "'on'", "true", "DEFAULT")) : one(List.of("off", "'off'", "false", "of"));
        switch (pick(3)) {
            case 0 -> out.append("SET standard_conforming_strings = ").append(value);
            case 1 -> out.append("SET SESSION standard_conforming_strings TO ").append(value);
            default -> {
                out.append("RESET standard_conforming_strings");
                on = true;
            }
        }
        if (psql) {
            pendingSet = on;
            pendingSent = false;
        } else {
            standardStrings = on; // a runner sending statements one by one: the next one is read the new way
        }
    }

    private void doBlock() {
        String tag = one(List.of("$$", "$do$", "$é$"));
        out.append("DO ").append(pick(2) == 0 ? "" : "LANGUAGE plpgsql ").append(tag)
                .append(" BEGIN PERFORM 1; PERFORM ';'; ");
        if (pick(2) == 0) out.append("PERFORM $q$ ' ; $q$; ");
        out.append("END ").append(tag);
    }

    private void atomicRoutine() {
        String name = names + "_r" + routines++;
        boolean procedure = pick(3) == 0;
        out.append(pick(2) == 0 ? "CREATE " : "CREATE OR REPLACE ").append(procedure ? "PROCEDURE " : "FUNCTION ")
                .append(name).append("()").append(procedure ? "" : " RETURNS int").append(" LANGUAGE sql\n")
                .append(one(List.of("BEGIN ATOMIC", "begin atomic", "BEGIN\nATOMIC")));
        int n = 1 + pick(3);
        for (int i = 0; i < n; i++) {
            out.append(' ');
            if (pick(2) == 0) out.append("SELECT CASE WHEN true THEN 1 ELSE 2 END");
            else select();
            out.append(";");
        }
        out.append(procedure ? " END" : " SELECT 1; END");
    }

    /** Lines psql runs itself; none of them is sent to the server. */
    private void metaCommand() {
        out.append(one(List.of("\\echo one; two 'th;ree' \"f;our\"\n", "\\set splitdiff_v 'a;b'\n",
                "\\echo x \\\\ SELECT 1", "\\pset null '(;)'\n", "\\echo end\n")));
        if (out.charAt(out.length() - 1) == '\n') out.append("SELECT 0");
    }

    /** What only a runner sending text to the server meets: MySQL's delimiter lines, backslashes outside quotes. */
    private void jdbcOnly() {
        out.append(one(List.of("delimiter //\nSELECT 1", "SELECT 1 \\", "\\set x 1\nSELECT 2", "SELECT ${table}",
                "SELECT {{ .Values.x }}", "SELECT '{{'", "SELECT $1")));
    }

    private void copyFromStdin() {
        out.append("COPY splitdiff_copy (a, b) FROM stdin;");
        if (pick(3) == 0) out.append(" SELECT 2;"); // the rest of the COPY's line is still SQL
        out.append('\n');
        int rows = pick(4);
        for (int i = 0; i < rows; i++) {
            out.append(one(List.of("x;y", "'q", "\"", "$$", "--c", "/*", "{{"))).append('\t')
                    .append(one(List.of("1", ";", "'", "é"))).append('\n');
        }
        out.append("\\.\n");
        out.append("SELECT 3");
    }
}
