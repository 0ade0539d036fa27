package dev.tideline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder so the command tree compiles; replaced by its owner's implementation.
@Command(name = "plan", description = "(not built yet)")
final class PlanCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tideline plan: not built yet");
        return 2;
    }
}
