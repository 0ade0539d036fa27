package dev.tideline.api;

import dev.tideline.analyzer.source.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The PATH arguments of {@code tideline lint}: files and directories as given, globs the shell left
 * unexpanded (quoted {@code 'db/**}{@code /*.sql'}), and {@code -} for standard input. A pattern that matches
 * nothing becomes a located error here, a path that does not exist one from the analyzer; the others are still linted.
 */
public record InputPaths(List<Path> paths, boolean stdin, List<Diagnostic> problems) {
    public static InputPaths resolve(List<String> arguments, Path cwd) {
        List<Path> paths = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        boolean stdin = false;
        for (String arg : arguments) {
            if (arg.equals("-")) {
                stdin = true;
                continue;
            }
            Path path;
            try {
                path = Path.of(arg);
            } catch (InvalidPathException e) {
                problems.add(error(arg, "bad-path", "not a valid path: " + e.getReason()));
                continue;
            }
            // Only a pattern is looked up here; the analyzer reports a plain path that does not exist (one stat
            // per path, not two: a lint may be handed thousands).
            if (!isGlob(arg) || Files.exists(path)) {
                paths.add(path);
            } else {
                List<Path> matches = expand(arg, cwd);
                if (matches.isEmpty()) problems.add(error(arg, "no-match", "no file matches this pattern"));
                paths.addAll(matches);
            }
        }
        return new InputPaths(List.copyOf(paths), stdin, List.copyOf(problems));
    }

    private static boolean isGlob(String arg) {
        return arg.indexOf('*') >= 0 || arg.indexOf('?') >= 0 || arg.indexOf('[') >= 0 || arg.indexOf('{') >= 0;
    }

    /** Walks from the pattern's fixed leading directories and keeps the regular files that match. */
    static List<Path> expand(String pattern, Path cwd) {
        String normal = pattern.replace('\\', '/');
        int firstGlob = indexOfGlob(normal);
        int lastSlash = normal.lastIndexOf('/', firstGlob);
        String fixed = lastSlash < 0 ? "" : normal.substring(0, lastSlash + 1);
        Path root = fixed.isEmpty() ? cwd : cwd.resolve(fixed);
        if (!Files.isDirectory(root)) return List.of();
        boolean absolute = Path.of(fixed.isEmpty() ? "." : fixed).isAbsolute();
        Path base = absolute ? Path.of("/") : cwd;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + (absolute ? normal.substring(1) : normal));
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(base.relativize(p)))
                    .map(p -> absolute ? p : cwd.relativize(p))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static int indexOfGlob(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("*?[{".indexOf(s.charAt(i)) >= 0) return i;
        }
        return s.length();
    }

    private static Diagnostic error(String arg, String code, String message) {
        Path where;
        try {
            where = Path.of(arg);
        } catch (InvalidPathException e) {
            where = Path.of("<argument>");
        }
        return new Diagnostic(where, 0, 0, Diagnostic.Severity.ERROR, code, message);
    }
}
