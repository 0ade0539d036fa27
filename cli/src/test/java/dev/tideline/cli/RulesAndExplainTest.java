package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.api.Engines;
import dev.tideline.rules.RuleDescriptor;
import org.junit.jupiter.api.Test;

class RulesAndExplainTest {
    @Test
    void rulesListsTheWholeCatalogue() {
        CliRun run = CliRun.of("rules");
        assertEquals(0, run.code(), run.toString());
        for (RuleDescriptor rule : Engines.catalogue()) {
            assertTrue(run.out().lines().anyMatch(l -> l.trim().startsWith(rule.id() + " ") && l.contains(rule.summary())),
                    rule.id() + " missing from:\n" + run.out());
        }
        assertTrue(run.out().contains("Locks and rewrites on existing tables"));
    }

    @Test
    void explainPrintsTheRuleDocumentation() {
        CliRun run = CliRun.of("explain", "create-index-non-concurrent");
        assertEquals(0, run.code(), run.toString());
        RuleDescriptor rule = Engines.find("create-index-non-concurrent").orElseThrow();
        assertEquals(rule.markdown(), run.out());
        assertTrue(run.out().contains("```sql\n"), run.out());
    }

    @Test
    void unknownRuleExitsTwoWithASuggestion() {
        CliRun typo = CliRun.of("explain", "create-index-non-concurent");
        assertEquals(2, typo.code(), typo.toString());
        assertTrue(typo.err().contains("did you mean 'create-index-non-concurrent'?"), typo.toString());
        assertFalse(typo.hasStackTrace());

        CliRun nonsense = CliRun.of("explain", "zzzzzzzz");
        assertEquals(2, nonsense.code());
        assertTrue(nonsense.err().contains("tideline rules"), nonsense.toString());
    }
}
