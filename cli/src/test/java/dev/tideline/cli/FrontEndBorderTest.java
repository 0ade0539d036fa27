package dev.tideline.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tideline.api.FrontEnds;

/** The command line is a front end over the composition root ({@code dev.tideline.api.Tideline}). */
@AnalyzeClasses(packages = "dev.tideline", importOptions = ImportOption.DoNotIncludeTests.class)
class FrontEndBorderTest {
    @ArchTest
    static final ArchRule frontEndGoesThroughTheApi = FrontEnds.goThroughTheApi("dev.tideline.cli..");
}
