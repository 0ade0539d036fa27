package dev.tideline.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found by walking up from the working directory (tests run in cli/). */
final class RepoRoot {
    private RepoRoot() {}

    static Path get() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tideline")) && Files.isDirectory(dir.resolve("samples"))) return dir;
        }
        throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
    }
}
