package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's GitLab job runs tideline as written there, and GitLab gets one issue per finding. */
class GitlabFormatTest {
    @Test
    void theReadmesGitlabJobWritesTheCodeQualityReport() throws Exception {
        Path root = RepoRoot.get();
        Matcher job = Pattern.compile("### GitLab Code Quality.*?```yaml\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(root.resolve("README.md")));
        assertTrue(job.find(), "README has a GitLab job");
        JsonNode yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(job.group(1));
        String script = yaml.at("/tideline/script/0").asText();
        assertEquals("gl-code-quality-report.json", yaml.at("/tideline/artifacts/reports/codequality").asText());
        Matcher command = Pattern.compile("\\./tideline (lint --format gitlab) db/migration > (\\S+)").matcher(script);
        assertTrue(command.matches(), script);

        CliRun run = CliRun.of("lint", "--format", "gitlab", root.resolve("samples/flyway-shop").toString());
        assertEquals(1, run.code(), run.toString());
        JsonNode report = new ObjectMapper().readTree(run.out());
        JsonNode json = new ObjectMapper().readTree(CliRun.of("lint", "--format", "json", root.resolve("samples/flyway-shop").toString()).out());
        assertEquals(json.get("findings").size() + json.get("diagnostics").size(), report.size());
        assertEquals(json.at("/findings/0/rule").asText(), report.at("/0/check_name").asText());
    }
}
