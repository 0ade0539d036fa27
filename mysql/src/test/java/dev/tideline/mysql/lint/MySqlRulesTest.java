package dev.tideline.mysql.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tideline.rules.RuleInfo;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MySqlRulesTest {
    @Test
    void everyRuleClassIsListedAndClaimsTheMySqlDialectOnly() {
        Set<String> annotated = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tideline.mysql.rules").stream()
                .filter(c -> c.isAnnotatedWith(RuleInfo.class))
                .map(JavaClass::getName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = MySqlRules.ALL.stream().map(r -> r.getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(annotated.isEmpty());
        assertEquals(annotated, listed, "MySqlRules.ALL must list every @RuleInfo class in dev.tideline.mysql.rules");
        for (MySqlRule r : MySqlRules.ALL) assertEquals(List.of("mysql"), List.of(r.info().dialects()), r.info().id());
    }
}
