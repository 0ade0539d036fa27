package dev.tideline.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tideline.api.Engines;

/**
 * The MySQL wing's border: nothing outside it uses it except the one place that lists the engines, so that neutral
 * code never learns an engine.
 */
@AnalyzeClasses(packages = "dev.tideline", importOptions = ImportOption.DoNotIncludeTests.class)
class DialectBorderTest {
    @ArchTest
    static final ArchRule onlyTheEngineListUsesTheMySqlWing = noClasses()
            .that().resideOutsideOfPackage("dev.tideline.mysql..")
            .and().doNotHaveFullyQualifiedName(Engines.class.getName())
            .should().dependOnClassesThat().resideInAPackage("dev.tideline.mysql..");

    /** The neutral rule framework and the engine contract do not reach into the front ends, the api or a wing. */
    @ArchTest
    static final ArchRule engineContractIsNeutral = noClasses()
            .that().resideInAPackage("dev.tideline.rules.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tideline.cli..", "dev.tideline.api..", "dev.tideline.mysql..");
}
