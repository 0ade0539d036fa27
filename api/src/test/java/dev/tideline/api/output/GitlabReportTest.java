package dev.tideline.api.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format gitlab} against the Code Quality report schema (test resources, after GitLab's own). */
class GitlabReportTest {
    @TempDir Path base;

    @Test
    void outputIsAValidCodeQualityReportWithStableDistinctFingerprints() throws Exception {
        LintReport report = ReportFixtures.report(base);
        String rendered = ReportFixtures.render(Format.GITLAB, report);
        JsonSchema schema;
        try (InputStream in = GitlabReportTest.class.getResourceAsStream("/gitlab/codequality-report.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        JsonNode json = new ObjectMapper().readTree(rendered);
        assertEquals(Set.of(), schema.validate(json));
        assertEquals(report.findings().size() + report.diagnostics().size(), json.size(), rendered);
        Set<String> fingerprints = new HashSet<>();
        for (JsonNode issue : json) fingerprints.add(issue.get("fingerprint").asText());
        assertEquals(json.size(), fingerprints.size(), "one fingerprint per issue");
        JsonNode index = null;
        for (JsonNode issue : json) if (issue.get("check_name").asText().equals("create-index-non-concurrent")) index = issue;
        assertTrue(index != null, rendered);
        assertEquals("major", index.get("severity").asText());
        assertTrue(index.at("/location/lines/begin").asInt() >= 1);
        assertEquals(rendered, ReportFixtures.render(Format.GITLAB, report), "fingerprints are stable between runs");

        String invalid = "[{\"description\":\"x\",\"fingerprint\":\"f\",\"severity\":\"error\",\"location\":{\"path\":\"a\",\"lines\":{\"begin\":1}}}]";
        assertEquals(2, schema.validate(new ObjectMapper().readTree(invalid)).size(), "the schema can fail: no check_name, bad severity");
    }
}
