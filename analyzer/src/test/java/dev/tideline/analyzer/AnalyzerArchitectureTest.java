package dev.tideline.analyzer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The analyzer's borders: it depends on nothing else of tideline, and JSqlParser stays inside its parse package. */
class AnalyzerArchitectureTest {
    private static JavaClasses analyzer;

    @BeforeAll
    static void importAnalyzer() {
        analyzer = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tideline.analyzer");
    }

    @Test
    void analyzerDependsOnNoOtherTidelineModule() {
        noClasses().that().resideInAPackage("dev.tideline.analyzer..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tideline.rules..", "dev.tideline.cli..",
                        "dev.tideline.report..", "dev.tideline.trace..")
                .because("the analyzer is the foundation: rules, CLI, reports and trace build on it, never the reverse")
                .check(analyzer);
    }

    @Test
    void jsqlParserTypesStayInTheParsePackage() {
        noClasses().that().resideInAPackage("dev.tideline.analyzer..")
                .and().resideOutsideOfPackage("dev.tideline.analyzer.parse")
                .should().dependOnClassesThat().resideInAPackage("net.sf.jsqlparser..")
                .because("JSqlParser types never leave the analyzer's parse package")
                .check(analyzer);
    }

    @Test
    void parsePackageExposesNoJsqlParserTypeInItsPublicApi() {
        noClasses().that().resideInAPackage("dev.tideline.analyzer.parse").and().arePublic()
                .should().dependOnClassesThat().resideInAPackage("net.sf.jsqlparser..")
                .because("only package-private fallback code may touch JSqlParser")
                .check(analyzer);
    }
}
