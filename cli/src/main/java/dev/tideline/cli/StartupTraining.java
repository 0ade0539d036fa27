package dev.tideline.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's training run for its class data sharing archive: the commands people run most, over the samples, in
 * one JVM with their output discarded. Every class they load is listed ({@code -XX:DumpLoadedClassList}) and then
 * archived ({@code -Xshare:dump}), so later runs map those classes instead of loading and verifying them.
 */
public final class StartupTraining {
    private StartupTraining() {}

    /** {@code args[0]}: the samples folder. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining SAMPLES_DIR");
            System.exit(2);
        }
        String samples = args[0];
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        for (String format : new String[] {"text", "json", "sarif", "github", "markdown"}) {
            Main.run(nowhere, nowhere, "lint", "--format", format, samples);
        }
        // Files named one by one (a CI step linting what a pull request changed) take their own path through set building.
        try (var files = Files.walk(Path.of(samples))) {
            List<String> lint = new ArrayList<>(List.of("lint", "--format", "json"));
            files.filter(f -> f.toString().endsWith(".sql")).map(Path::toString).sorted().forEach(lint::add);
            Main.run(nowhere, nowhere, lint.toArray(String[]::new));
        } catch (IOException e) {
            // a samples folder that cannot be walked only makes the archive smaller
        }
        Main.run(nowhere, nowhere, "plan", samples);
        Main.run(nowhere, nowhere, "--help");
        Main.run(nowhere, nowhere, "lint", "--help");
    }
}
