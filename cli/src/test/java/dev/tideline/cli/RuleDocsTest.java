package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.api.Engines;
import dev.tideline.rules.CatalogMarkdown;
import dev.tideline.rules.RuleDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/rules.md is generated from every engine's rules and their docs; this test catches drift. */
class RuleDocsTest {
    private static final String REGENERATE = "regenerate it with: mvn -q -o test -pl cli -am -Dtest=RuleDocsTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dtideline.regenerate=true";

    @Test
    void committedCatalogueMatchesTheRules() throws IOException {
        Path file = RepoRoot.get().resolve("docs/rules.md");
        String expected = CatalogMarkdown.render(Engines.catalogue());
        if (Boolean.getBoolean("tideline.regenerate")) Files.writeString(file, expected);
        assertTrue(Files.exists(file), file + " is missing: " + REGENERATE);
        assertEquals(expected, Files.readString(file), "docs/rules.md is out of date: " + REGENERATE);
    }

    /** A rule shared by two dialects has safe SQL for each; a MySQL rule's never gives PostgreSQL-only advice. */
    @Test
    void everyDialectOfARuleHasItsOwnSafeSql() {
        for (RuleDescriptor d : Engines.catalogue()) {
            assertEquals(d.dialects().size() - 1, d.dialectSql().size(), d.id());
            if (!d.dialects().contains("mysql")) continue;
            RuleDescriptor mysql = d.on("mysql", d.summary());
            String text = mysql.why() + "\n" + mysql.instead() + "\n" + mysql.safeSql();
            assertFalse(text.matches("(?is).*(CONCURRENTLY|NOT VALID|\\block_timeout|ACCESS EXCLUSIVE|SET LOCAL).*"), d.id() + ": " + text);
        }
    }
}
