package dev.tideline.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RuleRegistryTest {
    @Test
    void everyRuleClassIsRegisteredAndEveryRegisteredRuleIsARuleClass() {
        Set<String> annotated = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tideline.rules.checks").stream()
                .filter(c -> c.isAnnotatedWith(RuleInfo.class))
                .map(JavaClass::getName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> registered = RuleRegistry.ALL.stream().map(r -> r.getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(annotated.isEmpty());
        assertEquals(annotated, registered, "RuleRegistry.ALL must list every @RuleInfo class in dev.tideline.rules.checks");
    }

    @Test
    void everyRuleHasCompleteDocumentation() {
        for (Rule r : RuleRegistry.ALL) {
            String id = r.info().id();
            assertTrue(id.matches("[a-z0-9]+(-[a-z0-9]+)*"), "kebab-case id: " + id);
            assertNotNull(RuleCatalog.class.getResource(RuleCatalog.docResource(id)), "docs for " + id);
            RuleDescriptor d = RuleCatalog.find(id).orElseThrow();
            assertFalse(d.why().isBlank(), id + " why");
            assertFalse(d.instead().isBlank(), id + " instead");
            assertFalse(d.safeSql().isBlank(), id + " safe SQL");
            assertTrue(d.summary().endsWith("."), id + " summary is a sentence");
        }
        assertEquals(RuleRegistry.ALL.size(), RuleCatalog.all().size());
    }

    @Test
    void lockingRulesNameTheLockTheyAreAbout() {
        for (RuleDescriptor d : RuleCatalog.all()) {
            if (d.category() != Category.LOCKING) continue;
            assertTrue(d.why().matches("(?s).*(ACCESS EXCLUSIVE|SHARE|EXCLUSIVE|lock).*"), d.id() + " names the lock");
        }
    }
}
