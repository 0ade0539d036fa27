package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./tideline launcher in a scratch copy of the repository layout, with stand-ins for mvn and java that
 * log their arguments: builds only when the jar is missing or older than a source or pom, keeps Maven's
 * chatter off stdout, lists the classes of a training run and dumps them into a class data sharing archive on the
 * first run, and uses the archive afterwards.
 */
class LauncherTest {
    @TempDir Path repo;
    Path log;
    Path bin;

    @BeforeEach
    void layout() throws IOException {
        Files.copy(RepoRoot.get().resolve("tideline"), repo.resolve("tideline"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.createDirectories(repo.resolve("cli/src/main/java"));
        Files.writeString(repo.resolve("cli/pom.xml"), "<project/>");
        Files.writeString(repo.resolve("cli/src/main/java/Main.java"), "class Main {}");
        log = repo.resolve("calls.log");
        bin = Files.createDirectory(repo.resolve("fake-bin"));
        script("mvn", """
                echo "mvn $*" >> "$CALLS"
                echo "[INFO] maven noise on stdout"
                mkdir -p cli/target && echo jar > cli/target/tideline.jar
                """);
        script("java", """
                echo "java $*" >> "$CALLS"
                dump=""
                for a in "$@"; do case $a in -XX:DumpLoadedClassList=*) echo "java/lang/Object id: 0" > "${a#*=}";; -Xshare:dump) dump=1;; esac; done
                if [[ -n $dump ]]; then
                  for a in "$@"; do case $a in -XX:SharedArchiveFile=*) echo archive > "${a#*=}";; esac; done
                  exit 0
                fi
                echo "tideline output"
                exit "${FAKE_RC:-0}"
                """);
        Files.setLastModifiedTime(repo.resolve("cli/src/main/java/Main.java"), FileTime.from(Instant.now().minusSeconds(600)));
        Files.setLastModifiedTime(repo.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(600)));
        Files.setLastModifiedTime(repo.resolve("cli/pom.xml"), FileTime.from(Instant.now().minusSeconds(600)));
    }

    @Test
    void buildsOnceThenRunsFromTheArchive() throws Exception {
        Result first = launch(Map.of(), "lint", "x.sql");
        assertEquals(0, first.code);
        assertEquals("tideline output\n", first.stdout, "Maven output must not reach stdout");
        assertTrue(first.stderr.contains("building"), first.stderr);
        List<String> calls = calls();
        assertEquals(3, calls.size(), calls.toString());
        assertTrue(calls.get(0).startsWith("mvn ") && calls.get(0).contains("-DskipTests package"), calls.get(0));
        String jar = repo.toRealPath().resolve("cli/target/tideline.jar").toString();
        assertTrue(calls.get(1).contains("-XX:DumpLoadedClassList=") && calls.get(1).endsWith("-jar " + jar + " lint x.sql"),
                "without samples the first run is the training run: " + calls.get(1));
        assertTrue(calls.get(2).contains("-Xshare:dump") && calls.get(2).contains("-XX:SharedClassListFile=")
                && calls.get(2).endsWith("-cp " + jar), calls.get(2));

        Files.delete(log);
        Result second = launch(Map.of(), "lint", "x.sql");
        assertEquals("", second.stderr);
        List<String> again = calls();
        assertEquals(1, again.size(), "no build when the jar is newer than every source: " + again);
        assertTrue(again.get(0).contains("-XX:SharedArchiveFile="), again.get(0));
        assertTrue(again.get(0).contains("-XX:TieredStopAtLevel=1"), again.get(0));
        assertTrue(again.get(0).endsWith("-jar " + jar + " lint x.sql"), again.get(0));
    }

    @Test
    void trainsTheArchiveOnTheSamplesWhenTheyAreThere() throws Exception {
        Files.createDirectories(repo.resolve("samples/flyway"));
        Result first = launch(Map.of(), "--version");
        assertEquals("tideline output\n", first.stdout, "the training run's output is not shown");
        List<String> calls = calls();
        assertEquals(4, calls.size(), calls.toString());
        assertTrue(calls.get(1).contains("-XX:DumpLoadedClassList=")
                && calls.get(1).endsWith("dev.tideline.cli.StartupTraining " + repo.toRealPath().resolve("samples")),
                calls.get(1));
        assertTrue(calls.get(2).contains("-Xshare:dump"), calls.get(2));
        assertTrue(calls.get(3).contains("-XX:SharedArchiveFile=") && calls.get(3).endsWith(" --version"), calls.get(3));
    }

    @Test
    void aJvmThatCannotDumpAnArchiveIsNotAskedAgainUntilTheNextBuild() throws Exception {
        script("java", """
                echo "java $*" >> "$CALLS"
                for a in "$@"; do case $a in -XX:DumpLoadedClassList=*) echo "java/lang/Object id: 0" > "${a#*=}";; esac; done
                echo "tideline output"
                """);
        launch(Map.of(), "--version");
        Files.delete(log);
        launch(Map.of(), "--version");
        List<String> calls = calls();
        assertEquals(1, calls.size(), calls.toString());
        assertFalse(calls.get(0).contains("SharedArchiveFile") || calls.get(0).contains("DumpLoadedClassList"), calls.get(0));
    }

    @Test
    void rebuildsWhenASourceOrPomIsNewerThanTheJar() throws Exception {
        launch(Map.of(), "--version");
        Files.delete(log);
        Path jar = repo.resolve("cli/target/tideline.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(300)));
        launch(Map.of(), "--version");
        List<String> calls = calls();
        assertTrue(calls.get(0).startsWith("mvn "), "source newer than jar: " + calls);
        assertTrue(calls.get(1).contains("-XX:DumpLoadedClassList=") && calls.get(2).contains("-Xshare:dump"),
                "a new jar needs a new archive: " + calls);

        Files.delete(log);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(repo.resolve("cli/pom.xml"), FileTime.from(Instant.now().minusSeconds(1)));
        launch(Map.of(), "--version");
        assertTrue(calls().get(0).startsWith("mvn "), "pom newer than jar: " + calls());
    }

    @Test
    void passesTheExitCodeThroughAndHonoursAGivenJar() throws Exception {
        assertEquals(1, launch(Map.of("FAKE_RC", "1"), "lint", "x.sql").code);
        assertEquals(1, launch(Map.of("FAKE_RC", "1"), "lint", "x.sql").code, "with the archive too");

        Files.delete(log);
        Path given = Files.writeString(repo.resolve("given.jar"), "jar");
        Files.setLastModifiedTime(repo.resolve("cli/src/main/java/Main.java"), FileTime.from(Instant.now().plusSeconds(60)));
        launch(Map.of("TIDELINE_JAR", given.toString()), "rules");
        List<String> calls = calls();
        assertFalse(calls.stream().anyMatch(c -> c.startsWith("mvn ")), "TIDELINE_JAR never builds: " + calls);
        assertTrue(calls.get(0).contains("-jar " + given), calls.toString());
    }

    private record Result(int code, String stdout, String stderr) {}

    private Result launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", repo.resolve("tideline").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile());
        pb.environment().put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
        pb.environment().put("CALLS", log.toString());
        pb.environment().remove("TIDELINE_JAR");
        pb.environment().remove("TIDELINE_JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes());
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out, err);
    }

    private List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private void script(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
