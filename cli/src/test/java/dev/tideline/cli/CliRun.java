package dev.tideline.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One in-process run of the CLI through {@link Main#run}, with its exit code and both output streams. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        return withStdin(null, args);
    }

    static CliRun withStdin(String stdin, String... args) {
        return withStdinBytes(stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static synchronized CliRun withStdinBytes(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream original = System.in;
        if (stdin != null) System.setIn(new ByteArrayInputStream(stdin));
        try {
            int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(original);
        }
    }

    /** A run in a JVM of its own with these JVM options (e.g. a small heap), on this test's class path. */
    static CliRun forked(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("tideline-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new CliRun(p.waitFor(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Users never see a Java stack trace. */
    boolean hasStackTrace() {
        return err.contains("\tat ") || out.contains("\tat ") || err.contains("Exception in thread");
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
