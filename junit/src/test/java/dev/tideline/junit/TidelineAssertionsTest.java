package dev.tideline.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tideline.api.FrontEnds;
import dev.tideline.api.LintRequest;
import dev.tideline.api.Tideline;
import dev.tideline.api.output.Format;
import dev.tideline.junit.samples.MigrationSamples;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs {@link MigrationSamples} as JUnit runs a user's tests, and reads what JUnit reports. */
class TidelineAssertionsTest {
    private static Events run(String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(MigrationSamples.class, method)).execute().testEvents();
    }

    private static String failure(Events events) {
        List<Event> failed = events.failed().list();
        assertEquals(1, failed.size(), events.list().toString());
        Throwable thrown = failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertEquals("org.opentest4j.AssertionFailedError", thrown.getClass().getName());
        return thrown.getMessage();
    }

    @Test
    void safeMigrationsPass() {
        run("safeMigrationsHaveNoErrors").assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        run("riskyMigrationsPassWithAConfigThatAcceptsThem").assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    }

    @Test
    void aNonConcurrentIndexFailsWithTheFindingsAsTheTextFormatPrintsThem() throws Exception {
        String message = failure(run("riskyMigrationsHaveNoErrors"));
        StringWriter text = new StringWriter();
        var linted = Tideline.lint(LintRequest.of(Path.of("src/test/resources/migrations/risky")));
        var errorsOnly = new dev.tideline.rules.LintResult(linted.result().analysis(),
                linted.result().findings().stream().filter(f -> f.severity() == dev.tideline.rules.Severity.ERROR).toList(),
                linted.result().suppressed(), linted.result().coverage());
        Format.TEXT.writer(false).write(linted.report(errorsOnly, 0, Path.of("").toAbsolutePath()), text);
        assertEquals("expected no error findings in [src/test/resources/migrations/risky]:\n" + text, message);
        assertTrue(message.contains("src/test/resources/migrations/risky/V2__index_orders.sql:2:1: error create-index-non-concurrent"), message);
        assertTrue(!message.contains("statement-timeout-missing"), "a warning is not an error: " + message);
    }

    @Test
    void hasNoFindingsNamesTheRulesItChecks() {
        String message = failure(run("riskyMigrationsHaveNoTimeoutFindings"));
        assertTrue(message.startsWith("expected no findings of statement-timeout-missing in"), message);
        assertTrue(message.contains("warning statement-timeout-missing"), message);
        assertTrue(!message.contains("create-index-non-concurrent"), message);
    }

    @Test
    void theJUnitApiGoesThroughTheCompositionRoot() {
        FrontEnds.goThroughTheApi("dev.tideline.junit").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tideline"));
    }
}
