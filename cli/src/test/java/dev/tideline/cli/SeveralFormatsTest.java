package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideline.api.output.SarifReportTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several formats from one analysis: files for some, standard output for at most one. */
class SeveralFormatsTest {
    private static final String SAMPLE = RepoRoot.get().resolve("samples/flyway-shop").toString();
    @TempDir Path tmp;

    @Test
    void sarifToAFileAndAnnotationsToStandardOutputFromOneRun() throws Exception {
        Path sarif = tmp.resolve("out.sarif");
        Path gitlab = tmp.resolve("codequality.json");
        CliRun run = CliRun.of("lint", "--format", "sarif=" + sarif, "--format", "github", "--format", "gitlab=" + gitlab, SAMPLE);
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.out().contains("::error file="), run.out());
        assertEquals(Set.of(), SarifReportTest.validate(Files.readString(sarif)));
        long annotations = run.out().lines().filter(l -> l.startsWith("::")).count();
        assertEquals(annotations, new ObjectMapper().readTree(Files.readString(gitlab)).size());
        assertEquals(annotations, new ObjectMapper().readTree(Files.readString(sarif)).at("/runs/0/results").size());
    }

    @Test
    void theDefaultIsTextAndTwoFormatsCannotShareStandardOutput() {
        CliRun text = CliRun.of("lint", SAMPLE);
        assertTrue(text.out().contains("error create-index-non-concurrent"), text.out());
        CliRun two = CliRun.of("lint", "--format", "json", "--format", "text", SAMPLE);
        assertEquals(2, two.code(), two.toString());
        assertTrue(two.err().contains("only one --format can write to standard output"), two.err());
        CliRun unknown = CliRun.of("lint", "--format", "xml=out.xml", SAMPLE);
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("but was 'xml=out.xml'"), unknown.err());
        assertFalse(unknown.hasStackTrace());
        CliRun json = CliRun.of("lint", "--format", "json", SAMPLE);
        assertTrue(json.out().startsWith("{"), "a given format replaces the default: " + json.out());
    }
}
