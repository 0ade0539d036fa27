package dev.tideline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Debian chromium with the house flags. Absent locally: the test is skipped with a visible message;
 * absent on CI (CI=true): the test fails, so CI always proves the report in a real browser.
 */
public final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");

    /** What a page load printed: the serialised DOM (stdout) and the browser log (stderr). */
    public record Load(String dom, String log) {
        /** Console messages, uncaught exceptions and CSP refusals: a clean report has none. */
        public List<String> consoleProblems() {
            List<String> problems = new ArrayList<>();
            for (String line : log.split("\n")) {
                if (line.contains("CONSOLE") || line.contains("Uncaught") || line.contains("Refused to")) problems.add(line);
            }
            return problems;
        }
    }

    private Chromium() {}

    public static void require() {
        if (Files.isExecutable(BINARY)) return;
        String message = BINARY + " not found: install Debian's chromium (apt-get install -y chromium)";
        if ("true".equals(System.getenv("CI"))) fail(message + " — CI must run the browser checks");
        System.err.println("SKIPPED browser check: " + message);
        Assumptions.abort(message);
    }

    public static Load dumpDom(Path html) throws IOException, InterruptedException {
        return run(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", html.toUri().toString()));
    }

    public static Load screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        Load load = run(List.of("--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height, html.toUri().toString()));
        if (!Files.isRegularFile(png)) fail("chromium wrote no screenshot: " + load.log());
        return load;
    }

    private static Load run(List<String> args) throws IOException, InterruptedException {
        require();
        Path profile = Files.createTempDirectory("tideline-chromium");
        Path out = Files.createTempFile("chromium", ".out");
        Path err = Files.createTempFile("chromium", ".err");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("chromium did not finish within 120 s");
            }
            String log = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "chromium exit status; log:\n" + log);
            return new Load(Files.readString(out, StandardCharsets.UTF_8), log);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
