package dev.tideline.maven;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tideline.api.FrontEnds;

/** The Maven plugin is a front end over the composition root ({@code dev.tideline.api.Tideline}). */
@AnalyzeClasses(packages = "dev.tideline", importOptions = ImportOption.DoNotIncludeTests.class)
class PluginBorderTest {
    @ArchTest
    static final ArchRule pluginGoesThroughTheApi = FrontEnds.goThroughTheApi("dev.tideline.maven..");
}
