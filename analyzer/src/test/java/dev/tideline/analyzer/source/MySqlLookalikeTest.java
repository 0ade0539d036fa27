package dev.tideline.analyzer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.AnalyzerOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A PostgreSQL run over a MySQL file says so once, where it first shows, and changes nothing else. */
class MySqlLookalikeTest {
    private static List<Diagnostic> hints(String sql) {
        Analysis a = new Analyzer(AnalyzerOptions.defaults()).analyzeText("V1__x.sql", sql);
        return a.files().get(0).diagnostics().stream().filter(d -> d.code().equals(MySqlLookalike.CODE)).toList();
    }

    @Test
    void eachMarkGivesOneLocatedHintPerFile() {
        List<Diagnostic> backticks = hints("CREATE TABLE t (id int);\nALTER TABLE `t` ADD COLUMN `n` int;\nDROP TABLE `t`;\n");
        assertEquals(1, backticks.size(), backticks.toString());
        assertEquals(2, backticks.get(0).line());
        assertEquals(Diagnostic.Severity.INFO, backticks.get(0).severity());
        assertTrue(backticks.get(0).message().contains("dialect: mysql"), backticks.get(0).message());

        Diagnostic engine = hints("CREATE TABLE t (id int) ENGINE=InnoDB;").get(0);
        assertTrue(engine.message().contains("ENGINE="), engine.message());
        Diagnostic auto = hints("CREATE TABLE t (\n  id int NOT NULL AUTO_INCREMENT PRIMARY KEY\n);").get(0);
        assertEquals(2, auto.line());
        Diagnostic hash = hints("# a MySQL comment\nCREATE TABLE t (id int);").get(0);
        assertNotNull(hash);
        assertEquals(1, hash.line());
    }

    @Test
    void postgresqlLookalikesAreNotMarks() {
        assertEquals(List.of(), hints("SELECT '`x` ENGINE=1 AUTO_INCREMENT #';\n"
                + "SELECT data #> '{a,b}' FROM t;\n-- ENGINE=InnoDB in a comment\nCREATE TABLE engine (engine text);\n"));
    }
}
