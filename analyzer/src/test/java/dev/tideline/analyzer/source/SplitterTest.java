package dev.tideline.analyzer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitterTest {
    private static final Path FILE = Path.of("V1__test.sql");

    private static SplitResult split(String sql) {
        return new Splitter(Map.of()).split(FILE, sql);
    }

    private static List<String> texts(String sql) {
        return split(sql).statements().stream().map(SqlStatement::text).toList();
    }

    private static List<String> texts(String sql, Dialect dialect) {
        return new Splitter(Map.of(), dialect).split(FILE, sql).statements().stream().map(SqlStatement::text).toList();
    }

    @Test
    void splitsAtSemicolonsWithExactStartAndEndPositions() {
        SplitResult r = split("CREATE TABLE a (id int);\n\n  ALTER TABLE a\n    ADD COLUMN b text;\nDROP TABLE a");
        assertEquals(3, r.statements().size());
        SqlStatement second = r.statements().get(1);
        assertEquals(1, second.index());
        assertEquals(3, second.line());
        assertEquals(3, second.column());
        assertEquals(4, second.endLine());
        assertEquals(21, second.endColumn());
        assertEquals("ALTER TABLE a\n    ADD COLUMN b text", second.text());
        SqlStatement last = r.statements().get(2);
        assertEquals("DROP TABLE a", last.text());
        assertEquals(5, last.line());
        assertEquals(12, last.endColumn());
        assertTrue(r.diagnostics().isEmpty());
    }

    @Test
    void semicolonsInsideQuotesAndCommentsDoNotSplit() {
        assertEquals(List.of("SELECT 'a;b', \"c;d\"", "SELECT E'it\\'s; fine'", "SELECT 'it''s; fine'"),
                texts("SELECT 'a;b', \"c;d\"; SELECT E'it\\'s; fine'; SELECT 'it''s; fine';"));
        assertEquals(List.of("SELECT 1 /* a; /* nested; */ still comment; */ + 2"),
                texts("SELECT 1 /* a; /* nested; */ still comment; */ + 2;"));
        assertEquals(List.of("SELECT 1 -- x; y\n + 2"), texts("SELECT 1 -- x; y\n + 2;"));
    }

    @Test
    void dollarQuotedBodiesKeepTheirSemicolons() {
        String sql = "CREATE FUNCTION f() RETURNS void AS $body$ BEGIN PERFORM 1; $x$;$x$; END $body$ LANGUAGE plpgsql;\n"
                + "DO $$ BEGIN ALTER TABLE t ADD COLUMN c int; END $$;";
        List<String> texts = texts(sql);
        assertEquals(2, texts.size());
        assertTrue(texts.get(0).endsWith("LANGUAGE plpgsql"));
        assertTrue(texts.get(1).startsWith("DO $$"));
    }

    @Test
    void commentsAreExposedWithPositionsAndLeadingOnesAreNotPartOfTheStatement() {
        SplitResult r = split("-- tideline:ignore add-column\n/* block */ ALTER TABLE a ADD b int; -- expect: x\n");
        SqlStatement s = r.statements().get(0);
        assertEquals("ALTER TABLE a ADD b int", s.text());
        assertEquals(2, s.line());
        assertEquals(13, s.column());
        assertEquals(3, r.comments().size());
        assertEquals(new SqlComment(1, 1, 1, 29, "-- tideline:ignore add-column"), r.comments().get(0));
        assertEquals("expect: x", r.comments().get(2).body());
        assertEquals(2, r.comments().get(2).line());
        assertEquals(38, r.comments().get(2).column());
    }

    @Test
    void unterminatedDollarQuoteIsLocatedAndTheRestOfTheFileIsStillSplit() {
        SplitResult r = split("SELECT 1;\nDO $$ BEGIN\n  UPDATE t SET a = 1;\nCREATE INDEX i ON t (a);\nDROP TABLE z;");
        assertEquals(1, r.diagnostics().size());
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("unterminated-dollar-quote", d.code());
        assertEquals(Diagnostic.Severity.ERROR, d.severity());
        assertEquals(2, d.line());
        assertEquals(4, d.column());
        assertEquals(FILE, d.file());
        assertEquals(List.of("SELECT 1", "CREATE INDEX i ON t (a)", "DROP TABLE z"),
                r.statements().stream().map(SqlStatement::text).toList());
        assertEquals(4, r.statements().get(1).line());
    }

    @Test
    void unterminatedQuotesAndCommentsAreLocated() {
        assertEquals("unterminated-quoted-string", split("SELECT 'abc\nfrom t").diagnostics().get(0).code());
        assertEquals("unterminated-quoted-identifier", split("SELECT \"abc").diagnostics().get(0).code());
        SplitResult comment = split("SELECT 1;\n  /* never /* closed */\nSELECT 2;");
        assertEquals("unterminated-comment", comment.diagnostics().get(0).code());
        assertEquals(2, comment.diagnostics().get(0).line());
        assertEquals(3, comment.diagnostics().get(0).column());
        assertEquals(List.of("SELECT 1"), comment.statements().stream().map(SqlStatement::text).toList());
    }

    @Test
    void psqlMetaCommandsAreSkippedWithAnInfoDiagnostic() {
        SplitResult r = split("\\set ON_ERROR_STOP on\n\\connect mydb\nCREATE TABLE a (id int);\nSELECT 'x' \\g\nSELECT 2;");
        assertEquals(List.of("CREATE TABLE a (id int)", "SELECT 'x'", "SELECT 2"),
                r.statements().stream().map(SqlStatement::text).toList());
        assertEquals(3, r.diagnostics().size());
        assertTrue(r.diagnostics().stream().allMatch(d -> d.severity() == Diagnostic.Severity.INFO
                && d.code().equals("psql-meta-command")));
        assertEquals(2, r.diagnostics().get(1).line());
    }

    @Test
    void copyFromStdinDataIsNotSql() {
        String sql = "COPY t (a, b) FROM stdin;\n1\tit's; not sql\n2\t\"x\n\\.\nSELECT 1;";
        SplitResult r = split(sql);
        assertEquals(List.of("COPY t (a, b) FROM stdin", "SELECT 1"),
                r.statements().stream().map(SqlStatement::text).toList());
        assertEquals(5, r.statements().get(1).line());
        assertTrue(r.diagnostics().isEmpty());
    }

    @Test
    void templatePlaceholdersAreOpaqueOrReplaced() {
        String sql = "ALTER TABLE {{ index .Options \"Namespace\" }}.users ADD COLUMN a text;\n"
                + "CREATE TABLE ${tableName} (id int);\n"
                + "ALTER TABLE \"{{ index .Options \"Namespace\" }}\".\"t\" ADD b int;";
        assertEquals(3, texts(sql).size());
        SplitResult r = new Splitter(Map.of("index .Options \"Namespace\"", "auth", "tableName", "docs")).split(FILE, sql);
        assertEquals(List.of("ALTER TABLE auth.users ADD COLUMN a text", "CREATE TABLE docs (id int)",
                "ALTER TABLE \"auth\".\"t\" ADD b int"), r.statements().stream().map(SqlStatement::text).toList());
    }

    @Test
    void aDelimiterLineIsSqlForPsqlAndTheServerSoItIsPartOfTheNextStatement() {
        // MySQL syntax: psql sends "delimiter d//" with what follows, up to the semicolon, to the server
        String sql = "delimiter d//\nCREATE OR REPLACE FUNCTION f() RETURNS void AS $$ BEGIN END; $$ LANGUAGE plpgsql;\nd//\n\nselect f();";
        assertEquals(List.of("delimiter d//\nCREATE OR REPLACE FUNCTION f() RETURNS void AS $$ BEGIN END; $$ LANGUAGE plpgsql",
                "d//\n\nselect f()"), texts(sql));
        assertEquals(List.of("delimiter x\nDROP TABLE users"), texts("delimiter x\nDROP TABLE users;"));
    }

    @Test
    void beginAtomicBodiesAndParenthesesHoldSemicolons() {
        String sql = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;\n"
                + "CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END;\n"
                + "CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);\nSELECT 3;";
        assertEquals(4, texts(sql).size());
    }

    @Test
    void beginAtomicOutsideCreateFunctionOrProcedureHoldsNothing() {
        // only a routine has a SQL-standard body: elsewhere BEGIN ATOMIC is a syntax error and the semicolon ends it
        for (Dialect d : Dialect.values()) {
            assertEquals(List.of("CREATE TABLE t (a int) BEGIN ATOMIC SELECT 1", "DROP TABLE users", "END"),
                    texts("CREATE TABLE t (a int) BEGIN ATOMIC SELECT 1; DROP TABLE users; END;", d), d.name());
            assertEquals(List.of("CREATE TRIGGER x BEGIN ATOMIC", "DROP TABLE users", "END"),
                    texts("CREATE TRIGGER x BEGIN ATOMIC; DROP TABLE users; END;", d), d.name());
        }
    }

    @Test
    void unbalancedParenthesisReachesTheEndOfTheFileAsForPsql() {
        SplitResult r = split("CREATE TABLE a (id int;\nCREATE TABLE b (id int);");
        assertEquals(1, r.statements().size());
        assertEquals("unbalanced-parentheses", r.diagnostics().get(0).code());
        assertEquals(List.of("SELECT 1)", "DROP TABLE users"), texts("SELECT 1); DROP TABLE users;"));
    }

    @Test
    void templateOpenersInsideQuotesDoNotHideStatements() {
        for (Dialect d : Dialect.values()) {
            assertEquals(List.of("SELECT '{{'", "DROP TABLE users", "SELECT '}}'"),
                    texts("SELECT '{{'; DROP TABLE users; SELECT '}}';", d), d.name());
            assertEquals(List.of("SELECT \"{{\"", "DROP TABLE users", "SELECT \"}}\""),
                    texts("SELECT \"{{\"; DROP TABLE users; SELECT \"}}\";", d), d.name());
            assertEquals(List.of("SELECT {{", "DROP TABLE users", "}}"), texts("SELECT {{; DROP TABLE users; }};", d));
            assertEquals(List.of("SELECT ${", "DROP TABLE users", "}"), texts("SELECT ${; DROP TABLE users; };", d));
        }
    }

    @Test
    void everyCharacterFrom0x80UpIsAnIdentifierCharacterSoNoDollarQuoteStartsInsideAName() {
        for (Dialect d : Dialect.values()) {
            assertEquals(List.of("SELECT 1 AS €$a$", "DROP TABLE users", "SELECT $a$ x $a$"),
                    texts("SELECT 1 AS €$a$; DROP TABLE users; SELECT $a$ x $a$;", d), d.name());
            assertEquals(List.of("SELECT 1 \u00A0$b$", "DROP TABLE users", "SELECT 2 $b$ $b$"),
                    texts("SELECT 1 \u00A0$b$; DROP TABLE users; SELECT 2 $b$ $b$;", d), d.name());
        }
    }

    @Test
    void standardConformingStringsOffMakesBackslashAnEscapeInOrdinaryStrings() {
        String sql = "SET standard_conforming_strings = off;\nSELECT 'a\\'; DROP TABLE users; --';\nSELECT 1;";
        assertEquals(List.of("SET standard_conforming_strings = off", "SELECT 'a\\'; DROP TABLE users; --'", "SELECT 1"),
                texts(sql, Dialect.PSQL));
        assertEquals(List.of("SET standard_conforming_strings = off", "SELECT 'a\\'; DROP TABLE users; --'", "SELECT 1"),
                texts(sql, Dialect.STATEMENTS));
        // one query string: the server parses all of it before the SET runs
        assertEquals(List.of("SET standard_conforming_strings = off", "SELECT 'a\\'", "DROP TABLE users"),
                texts(sql, Dialect.SCRIPT).subList(0, 3));
        // psql reads the setting again at each line: the rest of the SET's own line is read as before
        assertEquals(List.of("SET standard_conforming_strings = off", "SELECT 'a\\'", "DROP TABLE users"),
                texts("SET standard_conforming_strings = off; SELECT 'a\\'; DROP TABLE users; --';", Dialect.PSQL).subList(0, 3));
        // on again, and prefixes of off/false as PostgreSQL reads booleans
        assertEquals(4, texts("SET standard_conforming_strings TO 'of';\nSET standard_conforming_strings = on;\n"
                + "SELECT 'a\\'; SELECT 2;", Dialect.PSQL).size());
        assertEquals(2, texts("SET SESSION standard_conforming_strings TO f;\nSELECT 'a\\'; SELECT 2;';", Dialect.STATEMENTS).size());
    }

    @Test
    void aStandardConformingStringsChangeTheFileDoesNotFullyShowMakesTheRestUncertain() {
        String after = "\nSELECT 'a\\'; DROP TABLE users; --';\nSELECT 3;";
        for (String change : List.of("BEGIN;\nSET LOCAL standard_conforming_strings = off;\nCOMMIT;",
                "SELECT set_config('standard_conforming_strings', 'off', false);",
                "BEGIN;\nSET standard_conforming_strings = off;\nROLLBACK;")) {
            SplitResult r = new Splitter(Map.of(), Dialect.PSQL).split(FILE, change + after);
            int first = r.statements().size() - 3;
            assertEquals(Set.of(first, first + 1, first + 2), r.uncertain().keySet(), change);
        }
        // without a backslash in a string the boundaries are the same either way
        assertEquals(Map.of(), new Splitter(Map.of(), Dialect.PSQL)
                .split(FILE, "SELECT set_config('standard_conforming_strings', 'off', false);\nSELECT 'a';").uncertain());
    }

    @Test
    void lineCommentsEndAtACarriageReturnToo() {
        for (Dialect d : Dialect.values()) {
            assertEquals(List.of("SELECT 1 -- x\rDROP TABLE users"), texts("SELECT 1 -- x\rDROP TABLE users;", d));
            assertEquals(List.of("DROP TABLE users"), texts("-- x\rDROP TABLE users;", d));
        }
    }

    @Test
    void backticksAreNotQuotesForPostgres() {
        assertEquals(List.of("SELECT `a", "DROP TABLE users", "b`"), texts("SELECT `a; DROP TABLE users; b`;"));
    }

    @Test
    void psqlBackslashSemicolonSeparatesStatementsOnTheSameLine() {
        assertEquals(List.of("SELECT 1", "DROP TABLE users", "SELECT 2"),
                texts("SELECT 1 \\; DROP TABLE users \\; SELECT 2;"));
    }

    @Test
    void psqlMetaCommandArgumentsEndAtTheNextBackslashAndDoubleBackslashResumesSql() {
        SplitResult r = split("\\echo hi \\\\ DROP TABLE users;\n\\set x 1 \\echo 'a\\b' \\\\ SELECT 1;\nSELECT 2;");
        assertEquals(List.of("DROP TABLE users", "SELECT 1", "SELECT 2"), r.statements().stream().map(SqlStatement::text).toList());
        // a command taking the whole line keeps its backslashes
        assertEquals(List.of("SELECT 2"), texts("\\! echo \\\\ DROP TABLE users;\nSELECT 2;"));
    }

    @Test
    void psqlCommandsThatRunUnseenSqlAreErrors() {
        SplitResult r = split("SELECT format('DROP TABLE %I', tablename) FROM pg_tables \\gexec\n\\i other.sql\nSELECT 2;");
        assertEquals(List.of("SELECT format('DROP TABLE %I', tablename) FROM pg_tables", "SELECT 2"),
                r.statements().stream().map(SqlStatement::text).toList());
        List<Diagnostic> errors = r.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
        assertEquals(List.of("psql-unseen-sql", "psql-unseen-sql"), errors.stream().map(Diagnostic::code).toList());
        assertEquals(List.of(1, 2), errors.stream().map(Diagnostic::line).toList());
    }

    @Test
    void aPsqlVariableSetInTheFileMakesTheStatementsUsingItUncertain() {
        SplitResult r = split("\\set x '1; DROP TABLE users'\nSELECT 0;\nSELECT :x;\nSELECT :'x';");
        assertEquals(Set.of(1, 2), r.uncertain().keySet());
        assertEquals(Map.of(), split("SELECT :x, :'y';").uncertain());
    }

    @Test
    void backslashIsNotAMetaCommandForOtherRunners() {
        assertEquals(List.of("\\set x 1\nDROP TABLE users"), texts("\\set x 1\nDROP TABLE users;", Dialect.STATEMENTS));
        assertEquals(List.of("SELECT 1 \\", "DROP TABLE users"), texts("SELECT 1 \\; DROP TABLE users;", Dialect.SCRIPT));
    }

    @Test
    void copyDataStartsOnTheNextLineAndEndsOnlyAtAnExactBackslashDotLine() {
        assertEquals(List.of("COPY t FROM stdin", "DROP TABLE users", "SELECT 1"),
                texts("COPY t FROM stdin; DROP TABLE users;\n1\n\\.\nSELECT 1;"));
        assertEquals(List.of("COPY t FROM stdin", "SELECT 1"),
                texts("COPY t FROM stdin;\n  \\.\nDROP TABLE users;\n\\.\nSELECT 1;"));
        // a runner sending the file as one query has no COPY data: the server reads those lines as SQL
        assertEquals(List.of("COPY t FROM stdin", "DROP TABLE users"),
                texts("COPY t FROM stdin;\nDROP TABLE users;", Dialect.SCRIPT));
    }

    @Test
    void aStatementSentByAPsqlMetaCommandEndsThereSoCopyDataAfterItIsNotSql() {
        // found by SplitterDifferentialTest: after "\\g" the COPY was not taken for the first word of a statement
        assertEquals(List.of("SELECT 0", "COPY t FROM stdin", "SELECT 3"),
                texts("SELECT 0 \\g\nCOPY t FROM stdin;\n\"\t;\n\\.\nSELECT 3;"));
        assertEquals(List.of("COPY t FROM stdin", "SELECT 3"), texts("COPY t FROM stdin \\g\n'\n\\.\nSELECT 3;"));
    }

    @Test
    void sqlAfterAMetaCommandThatJoinsALineCommentInPsqlsBufferIsUncertain() {
        // psql sends "SELECT 1 ; -- c SELECT '\nDROP TABLE users;": the DROP runs, though it looks quoted
        String sql = "SELECT 1 \\; -- c\n\\echo x \\\\ SELECT '\nDROP TABLE users; -- '\nSELECT 2;";
        assertEquals(Set.of(1), split(sql).uncertain().keySet()); // tideline reads the rest as one string
        assertEquals(Map.of(), split("SELECT 1; -- c\n\\echo x \\\\ SELECT 2;").uncertain()); // nothing to join
    }

    @Test
    void emptyCommentOnlyAndOddInputGiveNoStatements() {
        assertTrue(split("").statements().isEmpty());
        assertTrue(split("-- only a comment\n/* and another */\n;;\n").statements().isEmpty());
        assertTrue(new Splitter(null).split(FILE, null).statements().isEmpty());
        SplitResult bom = split("\uFEFFSELECT 1;");
        assertEquals(1, bom.statements().get(0).column());
    }

    @Test
    void crlfAndWideCharactersKeepColumnsInCharacters() {
        SplitResult r = split("SELECT '\uD83D\uDE00';\r\nSELECT 2;\r\n");
        assertEquals("SELECT '\uD83D\uDE00'", r.statements().get(0).text());
        assertEquals(10, r.statements().get(0).endColumn());
        assertEquals(2, r.statements().get(1).line());
        assertEquals(1, r.statements().get(1).column());
    }

    @Test
    void lexerKnowsStringPrefixesParamsAndOperators() {
        List<Token> tokens = Lexer.ofFragment("x::int4 = $1 AND E'\\n' <> U&'d' || B'01' @> a.b[1:2]", 3, 5).tokens();
        assertEquals(List.of("x", "::", "int4", "=", "$1", "AND", "E'\\n'", "<>", "U&'d'", "||", "B'01'", "@>", "a",
                ".", "b", "[", "1", ":", "2", "]"), tokens.stream().map(Token::text).toList());
        assertEquals(Token.Kind.PARAM, tokens.get(4).kind());
        assertEquals(3, tokens.get(0).line());
        assertEquals(5, tokens.get(0).column());
        assertEquals(6, tokens.get(1).column());
    }

    @Test
    void unclosedOpenersAreReadInOnePassNotOnePassEach() {
        // 200,000 '${' with no '}' after them took 68 s (each searched the rest of the file); the bound is a hang
        // guard hundreds of times the time it takes, not a speed measurement (bench/ measures speed)
        String openers = "SELECT " + "${ ".repeat(200_000) + "1;\nSELECT '" + "{{ ".repeat(200_000) + "';\n";
        SplitResult r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> split(openers));
        assertEquals(2, r.statements().size());
        assertEquals(List.of(), r.diagnostics());
    }
}
