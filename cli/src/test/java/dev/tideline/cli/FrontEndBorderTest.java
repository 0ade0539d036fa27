package dev.tideline.cli;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.rules.Linter;
import dev.tideline.rules.plan.Planner;

/**
 * The command line is a front end over the composition root ({@code dev.tideline.api.Tideline}): it reads results, but
 * never assembles a run itself — no analyzer, linter, planner or engine of its own, no parser, lexer, replay or lock
 * model — so the Maven plugin, the JUnit API and the language server read migrations exactly as it does.
 */
@AnalyzeClasses(packages = "dev.tideline", importOptions = ImportOption.DoNotIncludeTests.class)
class FrontEndBorderTest {
    @ArchTest
    static final ArchRule frontEndsGoThroughTheApi = noClasses()
            .that().resideInAnyPackage("dev.tideline.cli..")
            .should().dependOnClassesThat(or(
                    type(Analyzer.class), type(Linter.class), type(Planner.class),
                    resideInAnyPackage("dev.tideline.analyzer.parse..", "dev.tideline.analyzer.schema..",
                            "dev.tideline.analyzer.locks..", "dev.tideline.analyzer.changelog..",
                            "dev.tideline.rules.engine..", "dev.tideline.mysql..")));
}
