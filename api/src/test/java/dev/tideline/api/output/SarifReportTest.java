package dev.tideline.api.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validates our SARIF against the OASIS SARIF 2.1.0 schema (committed under test resources). */
public class SarifReportTest {
    private static JsonSchema schema;
    @TempDir Path base;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    /** Validation errors of a SARIF document; empty when valid. Shared with the end-to-end tests. */
    public static Set<ValidationMessage> validate(String sarif) throws Exception {
        if (schema == null) loadSchema();
        return schema.validate(new ObjectMapper().readTree(sarif));
    }

    @Test
    void outputIsValidSarif210() throws Exception {
        String sarif = ReportFixtures.render(Format.SARIF, ReportFixtures.report(base));
        assertEquals(Set.of(), validate(sarif));

        JsonNode run = new ObjectMapper().readTree(sarif).get("runs").get(0);
        assertEquals("tideline", run.at("/tool/driver/name").asText());
        assertEquals("create-index-non-concurrent", run.at("/tool/driver/rules/0/id").asText());
        assertEquals("CREATE INDEX without CONCURRENTLY", run.at("/tool/driver/rules/0/shortDescription/text").asText());
        JsonNode result = run.get("results").get(0);
        assertEquals("error", result.get("level").asText());
        JsonNode location = result.at("/locations/0/physicalLocation");
        assertEquals("db/migrations/V4__index%20orders.sql", location.at("/artifactLocation/uri").asText());
        assertEquals("%SRCROOT%", location.at("/artifactLocation/uriBaseId").asText());
        assertEquals(3, location.at("/region/startLine").asInt());
        assertEquals(4, location.at("/region/endLine").asInt());
        assertEquals(28, location.at("/region/endColumn").asInt(), "exclusive end of '    ON orders (customer_id)'");
        assertEquals(1, run.at("/results/1/ruleIndex").asInt());
        assertFalse(run.at("/invocations/0/executionSuccessful").asBoolean(), "an unreadable input fails the run");
        assertEquals("binary-file", run.at("/invocations/0/toolExecutionNotifications/0/descriptor/id").asText());
    }

    @Test
    void theValidatorRejectsBrokenSarif() throws Exception {
        ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(
                ReportFixtures.render(Format.SARIF, ReportFixtures.report(base)));
        doc.put("version", "2.0.0");
        ((ObjectNode) doc.at("/runs/0/results/0")).put("level", "fatal");
        Set<ValidationMessage> errors = validate(doc.toString());
        assertTrue(errors.size() >= 2, errors.toString());
    }
}
