package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.api.TidelineVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The shaded jar says which build it is: in its manifest, and when run with --version. */
class ReleaseJarIT {
    private static final Path JAR = RepoRoot.get().resolve("cli/target/tideline.jar");

    @Test
    void manifestAndVersionOptionNameTheBuild() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run after `mvn package`: " + JAR);
        TidelineVersion v = TidelineVersion.current();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Manifest manifest = jar.getManifest();
            assertEquals(v.version(), manifest.getMainAttributes().getValue("Implementation-Version"));
            assertEquals("tideline", manifest.getMainAttributes().getValue("Implementation-Title"));
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("tideline " + v.describe(), out.strip());
    }
}
