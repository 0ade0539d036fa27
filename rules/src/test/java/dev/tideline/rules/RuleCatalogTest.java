package dev.tideline.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The catalogue of this module's rules (docs/rules.md, every engine's, is checked by the CLI's RuleDocsTest). */
class RuleCatalogTest {
    @Test
    void catalogueListsEveryRuleWithItsDocumentation() {
        String md = CatalogMarkdown.render(RuleCatalog.all());
        for (RuleDescriptor d : RuleCatalog.all()) {
            assertTrue(md.contains("### `" + d.id() + "`"), d.id());
            assertTrue(md.contains(d.safeSql()), d.id() + " safe SQL");
        }
    }

    @Test
    void findReturnsDescriptorsByIdOnly() {
        assertEquals("drop-table", RuleCatalog.find("drop-table").orElseThrow().id());
        assertTrue(RuleCatalog.find("no-such-rule").isEmpty());
    }
}
