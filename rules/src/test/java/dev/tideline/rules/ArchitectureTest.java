package dev.tideline.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.tideline.rules", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule rulesKnowNothingOfCliReportsOrTrace = noClasses().that().resideInAPackage("dev.tideline.rules..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tideline.cli..", "dev.tideline.report..", "dev.tideline.trace..");

    @ArchTest
    static final ArchRule rulesNeverSeeParserTypes = noClasses().that().resideInAPackage("dev.tideline.rules..")
            .should().dependOnClassesThat().resideInAnyPackage("net.sf.jsqlparser..");

    /** Rules judge the analyzer's model only; they never parse SQL themselves. */
    @ArchTest
    static final ArchRule checksUseTheModelNotTheParser = noClasses().that().resideInAPackage("dev.tideline.rules.checks..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tideline.analyzer.parse..");
}
