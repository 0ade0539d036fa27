package dev.tideline.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.schema.SchemaView;
import dev.tideline.analyzer.schema.TableModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An analysis that goes on from a cached replay is the analysis made without the cache, hit or miss. */
class ReplayCacheTest {
    @TempDir
    Path dir;

    @Test
    void newestFileAnalysedFromTheCacheIsTheUncachedAnalysis() throws IOException {
        Path newest = history();
        ReplayCache cache = ReplayCache.inMemory(4);
        String expected = render(new Analyzer(AnalyzerOptions.defaults()).analyze(List.of(newest)));
        assertEquals(expected, render(new Analyzer(AnalyzerOptions.defaults(), cache).analyze(List.of(newest))), "miss");
        assertEquals(expected, render(new Analyzer(AnalyzerOptions.defaults(), cache).analyze(List.of(newest))), "hit");

        // the newest file edited (an editor's next keystroke): the cached replay of the others is reused, unchanged
        Files.writeString(newest, "ALTER TABLE t3 ADD COLUMN extra int NOT NULL DEFAULT 1;\nDROP TABLE t0 CASCADE;\n"
                + "CREATE TABLE late (id int REFERENCES t5);\n");
        String edited = render(new Analyzer(AnalyzerOptions.defaults()).analyze(List.of(newest)));
        assertNotEquals(expected, edited);
        assertEquals(edited, render(new Analyzer(AnalyzerOptions.defaults(), cache).analyze(List.of(newest))));
    }

    @Test
    void anEditedEarlierFileIsAMissNotAStaleAnswer() throws IOException {
        Path newest = history();
        ReplayCache cache = ReplayCache.inMemory(4);
        new Analyzer(AnalyzerOptions.defaults(), cache).analyze(List.of(newest));
        Path earlier = dir.resolve("V2__second.sql");
        Files.writeString(earlier, "DROP TABLE t3;\n");
        Files.setLastModifiedTime(earlier, FileTime.fromMillis(Files.getLastModifiedTime(earlier).toMillis() + 5_000));
        String expected = render(new Analyzer(AnalyzerOptions.defaults()).analyze(List.of(newest)));
        assertEquals(expected, render(new Analyzer(AnalyzerOptions.defaults(), cache).analyze(List.of(newest))));
    }

    /** Flyway files: 30 tables with keys between them, renames and indexes, then a newest file using them. */
    private Path history() throws IOException {
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            first.append("CREATE TABLE t").append(i).append(" (id int PRIMARY KEY, name text")
                    .append(i > 0 ? ", parent int REFERENCES t" + (i - 1) + " (id)" : "").append(");\n");
        }
        Files.writeString(dir.resolve("V1__first.sql"), first);
        Files.writeString(dir.resolve("V2__second.sql"), "ALTER TABLE t3 RENAME COLUMN name TO title;\n"
                + "CREATE INDEX t4_name ON t4 (name);\nCREATE TYPE mood AS ENUM ('sad', 'ok');\n");
        Files.writeString(dir.resolve("V3__third.sql"), "ALTER TABLE t5 RENAME TO t5_renamed;\nDROP TABLE t29;\n"
                + "ALTER TABLE t6 ALTER COLUMN name SET NOT NULL;\n");
        Path newest = dir.resolve("V4__newest.sql");
        Files.writeString(newest, "CREATE TABLE fresh (id int);\nCREATE INDEX ON t4 (parent);\n"
                + "ALTER TABLE t3 ALTER COLUMN title TYPE varchar(20);\nDROP TABLE t1 CASCADE;\nALTER TYPE mood ADD VALUE 'glad';\n");
        return newest;
    }

    /** Everything the analysis says, each statement's schema before it included (tables in the model's own order). */
    private static String render(Analysis analysis) {
        StringBuilder out = new StringBuilder();
        for (FileAnalysis f : analysis.files()) {
            out.append(f.file().getFileName()).append(' ').append(f.targeted()).append(' ').append(f.runner())
                    .append(' ').append(f.diagnostics()).append('\n');
            for (AnalyzedStatement s : f.statements()) {
                out.append("  ").append(s.statement().text()).append('\n').append("  ").append(s.operations())
                        .append(' ').append(s.tx()).append(' ').append(s.nested()).append('\n');
                SchemaView before = s.schemaBefore();
                for (TableModel t : before.tables()) {
                    out.append("    ").append(t).append(" new=").append(before.isNew(t.ref()))
                            .append(" owner=").append(before.owner(t.ref())).append('\n');
                }
                out.append("    mood=").append(before.enumValues(new TableRef(null, "mood"))).append('\n');
            }
        }
        return out.toString();
    }
}
