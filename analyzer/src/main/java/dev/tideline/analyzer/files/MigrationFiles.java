package dev.tideline.analyzer.files;

import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.RunnerDetector;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the user's paths into ordered migration sets, each replayed into its own schema model.
 *
 * <ul>
 *   <li>A directory is one set: every SQL file below it, ordered by folder and then by the runner's own order
 *       (Flyway by version number, timestamped folders and numbered files numerically). Down/undo migrations are left
 *       out (they run only on rollback) and counted in a warning; name one explicitly to lint it. A Liquibase master
 *       changelog ({@code db.changelog-master.xml/yaml/yml/json}, Spring Boot's name) stands for the SQL files below
 *       its folder: it includes those it runs, in its own order.</li>
 *   <li>A file inside a migrations folder brings its earlier siblings along as replay-only files
 *       ({@code targeted=false}); a named down migration is analysed after replaying the ups up to its own version.</li>
 * </ul>
 */
public final class MigrationFiles {
    public record Entry(Path file, boolean targeted) {}

    public record MigrationSet(Path root, List<Entry> entries) {}

    public record Collected(List<MigrationSet> sets, List<Diagnostic> diagnostics) {}

    // file names may hold any character, a line break included (DOTALL): none is skipped for its name
    private static final Pattern SQL_FILE = Pattern.compile(".*\\.(?:sql|pgsql|psql|sql\\.postgres)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern FLYWAY_VERSION = Pattern.compile("^([VUB])([0-9][0-9._]*?)__.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CHANGELOG_MASTER = Pattern.compile("db\\.changelog-master\\.(?:xml|ya?ml|json)", Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSION_SEPARATOR = Pattern.compile("[._]");
    private static final Pattern ORDERED_NAME = Pattern.compile("^[0-9]+[-_.].*|^[VUBR][0-9]*__.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private MigrationFiles() {}

    public static Collected collect(List<Path> inputs) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<MigrationSet> sets = new ArrayList<>();
        Map<Path, Map<Path, Boolean>> bySetRoot = new LinkedHashMap<>(); // set root → named files (value: is down)
        // A lint may be handed thousands of paths: what each one is runs in parallel, only the grouping in order.
        List<Named> named = inputs.parallelStream().map(MigrationFiles::named).toList();
        for (Named n : named) {
            if (n.attributes() == null) {
                diagnostics.add(new Diagnostic(n.path(), 0, 0, Diagnostic.Severity.ERROR, n.code(), n.problem()));
            } else if (n.attributes().isDirectory()) {
                directorySet(n.path(), diagnostics).ifPresent(sets::add);
            } else {
                bySetRoot.computeIfAbsent(n.root(), k -> new LinkedHashMap<>()).put(n.path(), n.down());
            }
        }
        for (Built b : bySetRoot.entrySet().parallelStream().map(e -> fileSet(e.getKey(), e.getValue())).toList()) {
            sets.add(b.set());
            diagnostics.addAll(b.diagnostics());
        }
        return new Collected(sets, diagnostics);
    }

    /**
     * A path as given: its attributes (links followed), or why there are none; for a file, its set root and whether it
     * is a down migration.
     */
    private record Named(Path path, BasicFileAttributes attributes, String code, String problem, Path root, boolean down) {}

    private static Named named(Path input) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(input, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new Named(input, null, "missing-path", "no such file or directory", null, false);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
            return new Named(input, null, "missing-path", "cannot read: " + why, null, false);
        }
        if (attributes.isDirectory()) return new Named(input, attributes, null, null, null, false);
        // Opening a named pipe would wait for a writer forever.
        if (!attributes.isRegularFile()) return new Named(input, null, "unreadable", NOT_A_FILE, null, false);
        return new Named(input, attributes, null, null, setRoot(input), RunnerDetector.isDown(input));
    }

    private static java.util.Optional<MigrationSet> directorySet(Path dir, List<Diagnostic> diagnostics) {
        List<Path> files = new ArrayList<>();
        List<Path> masters = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 64, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (CHANGELOG_MASTER.matcher(file.getFileName().toString()).matches() && attrs.isRegularFile()) {
                        masters.add(file);
                        return FileVisitResult.CONTINUE;
                    }
                    if (!SQL_FILE.matcher(file.getFileName().toString()).matches()) return FileVisitResult.CONTINUE;
                    if (attrs.isRegularFile()) {
                        files.add(file);
                    } else {
                        Diagnostic problem = unreadable(file);
                        if (problem != null) diagnostics.add(problem);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    String why = e instanceof FileSystemLoopException ? "symbolic link loop: not followed"
                            : "cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage();
                    diagnostics.add(new Diagnostic(file, 0, 0, Diagnostic.Severity.WARNING, "unreadable", why));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            diagnostics.add(new Diagnostic(dir, 0, 0, Diagnostic.Severity.ERROR, "unreadable", "cannot list directory: " + e.getMessage()));
        }
        List<Path> ups = new ArrayList<>(masters);
        int downs = 0;
        for (Path f : files) {
            if (masters.stream().anyMatch(m -> f.startsWith(m.getParent()))) continue;
            if (RunnerDetector.isDown(f)) downs++;
            else ups.add(f);
        }
        if (downs > 0) {
            diagnostics.add(new Diagnostic(dir, 0, 0, Diagnostic.Severity.WARNING, "down-migrations-skipped",
                    downs + " down/undo migration(s) not analysed (they run only on rollback); name a file explicitly to lint it"));
        }
        if (ups.isEmpty()) {
            if (downs == 0) diagnostics.add(new Diagnostic(dir, 0, 0, Diagnostic.Severity.WARNING, "no-sql-files", "no SQL migration files found"));
            return java.util.Optional.empty();
        }
        ups.sort(order(dir));
        List<Entry> entries = new ArrayList<>();
        for (Path f : ups) entries.add(new Entry(f, true));
        return java.util.Optional.of(new MigrationSet(dir, entries));
    }

    /** A set built from named files, and what went wrong with their unnamed siblings. */
    private record Built(MigrationSet set, List<Diagnostic> diagnostics) {}

    private static Built fileSet(Path root, Map<Path, Boolean> named) {
        boolean ordered = named.keySet().stream().allMatch(MigrationFiles::isOrderedMigration);
        if (!ordered || root == null) {
            List<Entry> entries = new ArrayList<>();
            for (Path f : named.keySet()) entries.add(new Entry(f, true));
            return new Built(new MigrationSet(root, entries), List.of());
        }
        Comparator<Path> order = order(root); // one comparator, so each path's sort key is computed once
        List<Path> siblings = siblings(root, order);
        Set<Path> siblingSet = new HashSet<>(siblings);
        Map<Path, Path> namedByAbsolute = new HashMap<>(); // siblings are absolute, named files as the user wrote them
        Map<Path, List<Path>> downsByUp = new HashMap<>(); // named downs, by the (absolute) up they undo
        Path last = null;
        for (Map.Entry<Path, Boolean> n : named.entrySet()) {
            Path f = n.getKey().toAbsolutePath().normalize();
            namedByAbsolute.put(f, n.getKey());
            Path up = n.getValue() ? matchingUp(f, siblingSet) : f;
            if (n.getValue() && up != null) downsByUp.computeIfAbsent(up, k -> new ArrayList<>()).add(n.getKey());
            if (up != null && (last == null || order.compare(up, last) > 0)) last = up;
        }
        List<Entry> entries = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Set<Path> added = new HashSet<>();
        for (Path s : siblings) {
            if (last != null && order.compare(s, last) > 0) break;
            Path asNamed = namedByAbsolute.get(s);
            // Siblings were listed by name only; named files were checked already, the others are checked here.
            Diagnostic problem = asNamed == null ? unreadable(s) : null;
            if (problem != null) diagnostics.add(problem);
            else if (asNamed == null) entries.add(new Entry(s, false));
            else if (!named.get(asNamed)) entries.add(new Entry(asNamed, true));
            if (asNamed != null) added.add(asNamed);
            for (Path down : downsByUp.getOrDefault(s, List.of())) {
                entries.add(new Entry(down, true));
                added.add(down);
            }
        }
        for (Path n : named.keySet()) {
            if (added.add(n)) entries.add(new Entry(n, true));
        }
        return new Built(new MigrationSet(root, entries), diagnostics);
    }

    private static final String NOT_A_FILE = "not a regular file (a named pipe, socket or device): not analysed";

    /**
     * Why a path named like a migration cannot be read (an error: its statements are lost), or null for a regular file
     * or a folder (reading a folder reports it).
     */
    private static Diagnostic unreadable(Path file) {
        String why;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isRegularFile() || attributes.isDirectory()) return null;
            why = NOT_A_FILE;
        } catch (NoSuchFileException e) {
            why = Files.isSymbolicLink(file) ? "broken symbolic link: its target does not exist" : "no such file";
        } catch (FileSystemException e) {
            why = e.getReason() != null && e.getReason().startsWith("Too many levels of symbolic links")
                    ? "symbolic link loop: not followed" : "cannot read: " + (e.getReason() != null ? e.getReason() : e);
        } catch (IOException | RuntimeException e) {
            why = "cannot read: " + e;
        }
        return new Diagnostic(file, 0, 0, Diagnostic.Severity.ERROR, "unreadable", why);
    }

    /** The up migration a down migration undoes: same version, {@code up} in place of {@code down}. */
    private static Path matchingUp(Path down, Set<Path> ups) {
        String name = down.getFileName().toString();
        Path candidate;
        if (name.equalsIgnoreCase("down.sql")) candidate = down.resolveSibling("up.sql");
        else if (name.toLowerCase(Locale.ROOT).endsWith(".down.sql")) candidate = down.resolveSibling(name.substring(0, name.length() - 9) + ".up.sql");
        else candidate = down.resolveSibling("V" + name.substring(1));
        return ups.contains(candidate) ? candidate : null;
    }

    private static boolean isOrderedMigration(Path f) {
        Runner r = RunnerDetector.detect(f, null);
        return r != Runner.PLAIN || ORDERED_NAME.matcher(f.getFileName().toString()).matches();
    }

    /** The folder whose files (or sub-folders, for Prisma and Diesel) form one ordered migration set. */
    private static Path setRoot(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Runner r = RunnerDetector.detect(abs, null);
        if ((r == Runner.PRISMA || r == Runner.DIESEL) && abs.getParent() != null) return abs.getParent().getParent();
        return abs.getParent();
    }

    /**
     * Every up migration of the folder set a file belongs to (its folder; for Prisma and Diesel, the folder of its
     * migration folder), in the order the runner applies them, later ones included.
     */
    public static List<Path> setOf(Path file) {
        Path root = setRoot(file);
        return root == null ? List.of() : siblings(root, order(root));
    }

    private static List<Path> siblings(Path root, Comparator<Path> order) {
        List<Path> out = new ArrayList<>();
        try (var stream = Files.list(root)) {
            for (Path p : (Iterable<Path>) stream::iterator) {
                // A SQL file's name says enough: no stat for it (reading it later reports a folder named like one).
                if (SQL_FILE.matcher(p.getFileName().toString()).matches()) {
                    if (!RunnerDetector.isDown(p)) out.add(p);
                } else {
                    // a Prisma or Diesel migration folder, told by its name; one stat for its file, none for the folder
                    for (String n : List.of("migration.sql", "up.sql")) {
                        Path f = p.resolve(n);
                        if (RunnerDetector.detect(f, null) != Runner.PLAIN && Files.isRegularFile(f)) out.add(f);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        out.sort(order);
        return out;
    }

    /** Folder first (natural order), then the file's migration key: Flyway version, else natural order of the name. */
    static Comparator<Path> order(Path root) {
        Comparator<SortKey> byKey = Comparator.<SortKey, String>comparing(SortKey::folder, MigrationFiles::natural)
                .thenComparingInt(SortKey::kind)
                .thenComparing(SortKey::version, MigrationFiles::compareVersions)
                .thenComparingInt(SortKey::prefixRank)
                .thenComparing(SortKey::name, MigrationFiles::natural)
                .thenComparing(SortKey::name);
        Map<Path, SortKey> keys = new HashMap<>(); // computed once per path, not once per comparison
        Path base = root.toAbsolutePath().normalize();
        return (a, b) -> byKey.compare(keys.computeIfAbsent(a, p -> key(base, p)), keys.computeIfAbsent(b, p -> key(base, p)));
    }

    /** kind: 0 Flyway versioned, 1 other, 2 Flyway repeatable; prefixRank puts a baseline before its version. */
    private record SortKey(String folder, int kind, long[] version, int prefixRank, String name) {}

    /** {@code base}: the set's root, absolute and normalised. */
    private static SortKey key(Path base, Path p) {
        Path r = relative(base, p);
        String file = r.getFileName().toString();
        boolean nested = file.equalsIgnoreCase("migration.sql") || file.equalsIgnoreCase("up.sql") || file.equalsIgnoreCase("down.sql");
        Path folder = nested && r.getParent() != null ? r.getParent().getParent() : r.getParent();
        String name = nested && r.getParent() != null ? r.getParent().getFileName() + "/" + file : file;
        Matcher m = FLYWAY_VERSION.matcher(file);
        if (m.matches()) {
            String[] parts = VERSION_SEPARATOR.split(m.group(2));
            long[] version = new long[parts.length];
            for (int i = 0; i < parts.length; i++) version[i] = parts[i].isEmpty() ? 0 : parseLong(parts[i]);
            int rank = Character.toUpperCase(file.charAt(0)) == 'B' ? 0 : 1;
            return new SortKey(folder == null ? "" : folder.toString(), 0, version, rank, name);
        }
        int kind = file.startsWith("R__") ? 2 : 1;
        return new SortKey(folder == null ? "" : folder.toString(), kind, new long[0], 0, name);
    }

    private static long parseLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static int compareVersions(long[] a, long[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) return Long.compare(a[i], b[i]);
        }
        return Integer.compare(a.length, b.length);
    }

    private static Path relative(Path base, Path p) {
        try {
            return base.relativize(p.isAbsolute() ? p.normalize() : p.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return p;
        }
    }

    /** Natural order: digit runs compare as numbers. */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
                while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
                while (si < i - 1 && a.charAt(si) == '0') si++; // leading zeros do not count
                while (sj < j - 1 && b.charAt(sj) == '0') sj++;
                int c = i - si != j - sj ? Integer.compare(i - si, j - sj)
                        : CharSequence.compare(a.subSequence(si, i), b.subSequence(sj, j));
                if (c != 0) return c;
            } else {
                if (x != y) return Character.compare(x, y);
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
