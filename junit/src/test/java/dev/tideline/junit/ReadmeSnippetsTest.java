package dev.tideline.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.api.TidelineVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's copy-paste snippets for Java builds are the ones the build runs. */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theMavenSnippetIsTheSampleProjectsPluginBlock() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher snippet = Pattern.compile("### Maven plugin.*?```xml\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(snippet.find(), "README has a Maven plugin snippet");
        String pom = Files.readString(ROOT.resolve("maven-plugin/src/it/passing/pom.xml"));
        Matcher block = Pattern.compile("\n( *)(<plugin>.*?</plugin>)", Pattern.DOTALL).matcher(pom);
        assertTrue(block.find());
        String dedented = block.group(2).replaceAll("\n" + block.group(1), "\n")
                .replace("@project.version@", TidelineVersion.current().version());
        assertEquals(dedented + "\n", snippet.group(1));
    }

    @Test
    void theJUnitSnippetNamesThisModuleAndItsEntryPoint() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertTrue(readme.contains("<artifactId>tideline-junit</artifactId><version>" + TidelineVersion.current().version() + "</version>"));
        assertTrue(readme.contains("import static " + TidelineAssertions.class.getName() + ".assertThatMigrations;"));
        assertTrue(Files.readString(ROOT.resolve("junit/pom.xml")).contains("<artifactId>tideline-junit</artifactId>"));
    }
}
