package dev.tideline.analyzer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitterTest {
    private static final Path FILE = Path.of("V1__test.sql");

    private static SplitResult split(String sql) {
        return new Splitter(Map.of()).split(FILE, sql);
    }

    private static List<String> texts(String sql) {
        return split(sql).statements().stream().map(SqlStatement::text).toList();
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
        SplitResult r = split("\\set ON_ERROR_STOP on\n\\connect mydb\nCREATE TABLE a (id int);\nSELECT 'x' \\gexec\nSELECT 2;");
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
    void mysqlDelimiterLinesDoNotBreakSplitting() {
        String sql = "delimiter d//\nCREATE OR REPLACE FUNCTION f() RETURNS void AS $$ BEGIN END; $$ LANGUAGE plpgsql;\nd//\n\nselect f();";
        SplitResult r = split(sql);
        assertEquals(2, r.statements().size());
        assertEquals("select f()", r.statements().get(1).text());
        assertTrue(r.diagnostics().stream().allMatch(d -> d.severity() == Diagnostic.Severity.INFO));
    }

    @Test
    void beginAtomicBodiesAndParenthesesHoldSemicolons() {
        String sql = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;\n"
                + "CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);\nSELECT 3;";
        assertEquals(3, texts(sql).size());
    }

    @Test
    void unbalancedParenthesisDoesNotSwallowTheFile() {
        SplitResult r = split("CREATE TABLE a (id int;\nCREATE TABLE b (id int);");
        assertEquals(2, r.statements().size());
        assertEquals("unbalanced-parentheses", r.diagnostics().get(0).code());
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
