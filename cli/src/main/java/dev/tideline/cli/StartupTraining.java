package dev.tideline.cli;

import java.io.OutputStream;
import java.io.PrintStream;

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
        Main.run(nowhere, nowhere, "plan", samples);
        Main.run(nowhere, nowhere, "--help");
        Main.run(nowhere, nowhere, "lint", "--help");
    }
}
