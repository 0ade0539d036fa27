package dev.tideline.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Files added or changed since a git ref, for pull-request mode: changes since the ref's merge base with
 * HEAD (so commits that landed on the base branch meanwhile do not count), including uncommitted and
 * untracked files, never deleted ones.
 */
public final class GitChanges {
    private GitChanges() {}

    /** Absolute, normalised paths of the changed files. */
    public static Set<Path> since(String ref, Path cwd) {
        Path top = Path.of(git(cwd, "rev-parse", "--show-toplevel").strip());
        String base = commit(ref, cwd);
        String mergeBase = gitOrNull(cwd, "merge-base", "--end-of-options", base, "HEAD");
        if (mergeBase != null && !mergeBase.isBlank()) base = mergeBase.strip();
        Set<Path> changed = new HashSet<>();
        for (String name : lines(git(cwd, "diff", "--name-only", "--no-renames", "--diff-filter=d", "--end-of-options", base, "--"))) {
            changed.add(top.resolve(name).normalize());
        }
        for (String name : lines(git(cwd, "ls-files", "--others", "--exclude-standard", "--full-name"))) {
            changed.add(top.resolve(name).normalize());
        }
        return changed;
    }

    /**
     * The ref as a commit id. The ref comes from the command line of a CI job that may be fed by a pull request, so git
     * must never read it as an option ({@code --output=FILE} would truncate any file): it is verified as a commit
     * after {@code --end-of-options}, and only the resulting hex id is passed on.
     */
    private static String commit(String ref, Path cwd) {
        String id = gitOrNull(cwd, "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}");
        if (id == null || !id.strip().matches("[0-9a-f]{40,64}")) {
            throw new TidelineException("--changed-since: '" + ref + "' is not a commit in this repository (a branch, tag or commit id)");
        }
        return id.strip();
    }

    private static List<String> lines(String output) {
        List<String> names = new ArrayList<>();
        for (String line : output.split("\n")) if (!line.isBlank()) names.add(line);
        return names;
    }

    private static String gitOrNull(Path cwd, String... args) {
        try {
            return git(cwd, args);
        } catch (TidelineException e) {
            return null;
        }
    }

    private static String git(Path cwd, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("-c");
        command.add("core.quotePath=false");
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(cwd.toFile()).start();
        } catch (IOException e) {
            throw new TidelineException("--changed-since needs git on the PATH: " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TidelineException("git " + String.join(" ", args) + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new TidelineException("--changed-since: git " + args[0] + " failed: " + stderr.join().strip());
            }
            return stdout;
        } catch (IOException e) {
            throw new TidelineException("--changed-since: cannot run git: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TidelineException("--changed-since: interrupted while running git", e);
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
