package dev.tideline.mysql.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.source.SplitResult;
import dev.tideline.analyzer.source.SqlStatement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MySqlSplitterTest {
    private static final MySqlLexis MYSQL_8 = new MySqlLexis(true, false, 80036, false);

    private static List<String> split(String sql) {
        return new MySqlSplitter(MYSQL_8).split(Path.of("t.sql"), sql).statements().stream()
                .map(SqlStatement::text).toList();
    }

    @Test
    void theClientSendsAStatementAtBackslashGAsAtTheDelimiter() {
        assertEquals(List.of("SELECT 1", "DROP TABLE users", "SELECT '\\g'"),
                split("SELECT 1 \\g DROP TABLE users\\G\nSELECT '\\g';"));
    }

    @Test
    void otherClientCommandsAreAnErrorNotAStatement() {
        SplitResult r = new MySqlSplitter(MYSQL_8).split(Path.of("t.sql"), "SELECT 1;\nDELETE FROM t \\c SELECT 2;");
        assertEquals(List.of("SELECT 1"), r.statements().stream().map(SqlStatement::text).toList());
        assertEquals(List.of("client-command"), r.diagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void hashAndDashSpaceAreCommentsButDashDashWordIsNot() {
        assertEquals(List.of("SELECT 1", "SELECT 5 --1"), split("# a; comment\nSELECT 1; -- b; c\nSELECT 5 --1;"));
    }

    @Test
    void backticksAndBackslashEscapesHideSemicolons() {
        assertEquals(List.of("INSERT INTO `a;b` VALUES ('x\\';y')", "SELECT 2"),
                split("INSERT INTO `a;b` VALUES ('x\\';y');SELECT 2;"));
    }

    @Test
    void noBackslashEscapesChangesTheRestOfTheFile() {
        assertEquals(List.of("SET sql_mode = 'NO_BACKSLASH_ESCAPES'", "SELECT 'a\\'", "SELECT 3"),
                split("SET sql_mode = 'NO_BACKSLASH_ESCAPES';SELECT 'a\\';SELECT 3;"));
    }

    @Test
    void delimiterBlocksKeepProcedureBodiesWhole() {
        String sql = "DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$\nDELIMITER ;\nCALL p();";
        assertEquals(List.of("CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", "CALL p()"), split(sql));
    }

    @Test
    void versionCommentsRunOnMatchingVersionsOnly() {
        assertEquals(List.of("SET NAMES utf8mb4", "SELECT 1"),
                split("/*!40101 SET NAMES utf8mb4 */;/*!90000 SET x = 1 */;SELECT 1;"));
    }

    @Test
    void gooseStatementBlocksAreOneStatement() {
        String sql = "-- +goose StatementBegin\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET @x = 1; END;\n"
                + "-- +goose StatementEnd\nSELECT 1;";
        assertEquals(List.of("CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET @x = 1; END", "SELECT 1"),
                split(sql));
    }
}
