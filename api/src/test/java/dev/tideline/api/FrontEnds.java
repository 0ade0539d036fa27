package dev.tideline.api;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.rules.Linter;
import dev.tideline.rules.plan.Planner;

/**
 * The border every front end keeps (CLI, Maven plugin, JUnit API): it reads results, but never assembles a run itself —
 * no analyzer, linter, planner or engine of its own, no parser, replay or lock model — so that every front end reads
 * migrations exactly as {@link Tideline} does.
 */
public final class FrontEnds {
    private FrontEnds() {}

    public static ArchRule goThroughTheApi(String frontEndPackage) {
        return noClasses()
                .that().resideInAnyPackage(frontEndPackage)
                .should().dependOnClassesThat(or(
                        type(Analyzer.class), type(Linter.class), type(Planner.class),
                        resideInAnyPackage("dev.tideline.analyzer.parse..", "dev.tideline.analyzer.schema..",
                                "dev.tideline.analyzer.locks..", "dev.tideline.analyzer.changelog..",
                                "dev.tideline.rules.engine..", "dev.tideline.mysql..")));
    }
}
