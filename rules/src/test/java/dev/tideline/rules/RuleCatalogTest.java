package dev.tideline.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/rules.md at the repository root is generated from the catalogue; this test catches drift. */
class RuleCatalogTest {
    private static final String REGENERATE = "regenerate it with: mvn -q test -pl rules -am -Dtest=RuleCatalogTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dtideline.regenerate=true";

    @Test
    void committedCatalogueMatchesTheRules() throws IOException {
        Path file = repoRoot().resolve("docs/rules.md");
        String expected = CatalogMarkdown.render();
        if (Boolean.getBoolean("tideline.regenerate")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected);
        }
        assertTrue(Files.exists(file), file + " is missing: " + REGENERATE);
        assertEquals(expected, Files.readString(file), "docs/rules.md is out of date: " + REGENERATE);
    }

    @Test
    void catalogueListsEveryRuleWithItsDocumentation() {
        String md = CatalogMarkdown.render();
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

    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("rules/pom.xml"))) return p;
        }
        throw new IllegalStateException("repository root not found from " + Path.of("").toAbsolutePath());
    }
}
