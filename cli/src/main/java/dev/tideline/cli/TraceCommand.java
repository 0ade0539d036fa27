package dev.tideline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder so the command tree compiles; replaced by its owner's implementation.
@Command(name = "trace", description = "(not built yet)")
final class TraceCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tideline trace: not built yet");
        return 2;
    }
}
