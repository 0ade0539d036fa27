package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What people actually leave in migration folders, through {@code tideline lint}: each odd file gets a clear message
 * located at its file (and line when there is one), the exit code says whether input was lost, and the other files
 * are still linted. Every migration below also creates a plain index, so "still linted" is visible as a finding.
 */
class HostileInputTest {
    private static final String INDEX = "CREATE INDEX %s ON orders (status);\n";

    @TempDir Path tmp;

    private Path migrations() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("db"));
        Files.writeString(dir.resolve("V1__plain.sql"), INDEX.formatted("plain_idx"));
        return dir;
    }

    private static void assertLinted(CliRun run, String file, int line) {
        assertTrue(run.out().contains(file + ":" + line + ":1: error create-index-non-concurrent"), "not linted: " + file + "\n" + run);
    }

    private static void assertClean(CliRun run) {
        assertFalse(run.hasStackTrace(), run.toString());
        assertFalse(run.out().contains("internal-error") || run.err().contains("internal error"), run.toString());
    }

    @Test
    void binaryFileIsRefusedAtItsFirstNulAndTheOthersAreLinted() throws Exception {
        Path dir = migrations();
        Files.write(dir.resolve("V2__logo.sql"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\n', 'x', 0, 1, 2});
        CliRun run = CliRun.of("lint", dir.toString());
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.out().contains("V2__logo.sql:2:2: error binary-file binary content (NUL byte at line 2, column 2)"), run.toString());
        assertLinted(run, "V1__plain.sql", 1);
        assertClean(run);
    }

    @Test
    void invalidUtf8IsLocatedAndTheRestOfTheFileStillAnalysed() throws Exception {
        Path dir = migrations();
        byte[] latin1 = ("SELECT 'caf\u00e9';\n" + INDEX.formatted("latin_idx")).getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("V2__latin1.sql"), latin1);
        CliRun run = CliRun.of("lint", dir.toString());
        assertEquals(2, run.code(), "undecodable bytes are lost input: " + run);
        assertTrue(run.out().contains("V2__latin1.sql:1:12: error invalid-encoding invalid UTF-8 at line 1, column 12"), run.toString());
        assertLinted(run, "V2__latin1.sql", 2);
        assertLinted(run, "V1__plain.sql", 1);
        assertClean(run);
    }

    @Test
    void utf16WithBomAndCrlfAreReadWithEditorLineNumbers() throws Exception {
        Path dir = migrations();
        byte[] utf16 = ("-- saved by a Windows editor\r\n" + INDEX.formatted("utf16_idx")).getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);
        Files.write(dir.resolve("V2__utf16.sql"), withBom);
        Files.writeString(dir.resolve("V3__crlf.sql"), "-- one\r\n\r\n" + INDEX.formatted("crlf_idx").replace("\n", "\r\n"));
        Files.writeString(dir.resolve("V4__old_mac.sql"), "-- one\r" + INDEX.formatted("cr_idx").replace("\n", "\r"));
        CliRun run = CliRun.of("lint", dir.toString());
        assertEquals(1, run.code(), "error findings, no input error: " + run);
        assertLinted(run, "V2__utf16.sql", 2);
        assertLinted(run, "V3__crlf.sql", 3);
        assertLinted(run, "V4__old_mac.sql", 2);
        assertClean(run);
    }

    @Test
    void fileOfOnlyCommentsAndEmptyFileAreNamedNotSilentlyPassed() throws Exception {
        Path dir = migrations();
        Files.writeString(dir.resolve("V2__placeholder.sql"), "-- intentionally empty\n/* nothing /* nested */ here */\n");
        Files.writeString(dir.resolve("V3__empty.sql"), "");
        Files.writeString(dir.resolve("V4__semicolons.sql"), ";\n;;  -- left over\n;\n");
        CliRun run = CliRun.of("lint", dir.toString());
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.out().contains("V2__placeholder.sql: info no-statements no SQL statements: nothing but comments, whitespace and semicolons"), run.toString());
        assertTrue(run.out().contains("V3__empty.sql: info no-statements empty file"), run.toString());
        assertTrue(run.out().contains("V4__semicolons.sql: info no-statements no SQL statements: nothing but comments"), run.toString());
        assertLinted(run, "V1__plain.sql", 1);
        assertClean(run);
    }

    @Test
    void deeplyNestedParenthesesNeitherHangNorOverflow() throws Exception {
        Path dir = migrations();
        String deep = "(".repeat(10_000) + "1" + ")".repeat(10_000);
        Files.writeString(dir.resolve("V2__nested.sql"), "SELECT " + deep + ";\nFROBNICATE " + deep + ";\n"
                + INDEX.formatted("after_nested_idx"));
        CliRun run = CliRun.of("lint", "--format", "text", dir.toString());
        assertEquals(2, run.code(), run.toString()); // a statement nobody analysed fails the run
        assertTrue(run.out().lines().anyMatch(l -> l.contains("V2__nested.sql:2:1: error unparsed-statement")), run.toString());
        assertLinted(run, "V2__nested.sql", 3);
        assertClean(run);
    }

    @Test
    void fileOver100MbIsRefusedBeforeReadingIt() throws Exception {
        Path dir = migrations();
        Path huge = dir.resolve("V2__data_dump.sql");
        // a suppression comment: the file is never read, so nothing in it may surface as a finding either
        Files.writeString(huge, "-- tideline:ignore create-index-non-concurrent\n"
                + "INSERT INTO orders (status) VALUES ('shipped');\n".repeat(1000));
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(100L << 20); // the size is checked before any byte is read, so the rest may stay sparse
        }
        CliRun run = CliRun.of("lint", dir.toString());
        assertEquals(2, run.code(), run.toString());
        List<String> about = run.out().lines().filter(l -> l.contains("V2__data_dump.sql")).toList();
        assertEquals(1, about.size(), run.toString());
        assertTrue(about.get(0).contains("V2__data_dump.sql: error file-too-large file is 100.")
                && about.get(0).contains("MB limit: not analysed"), run.toString());
        assertLinted(run, "V1__plain.sql", 1);
        assertClean(run);
    }

    @Test
    void fileTooLargeForTheHeapIsReportedAndTheOthersAreLinted() throws Exception {
        Path dir = migrations();
        Path dump = dir.resolve("V2__seed_data.sql");
        try (var out = Files.newBufferedWriter(dump)) {
            for (int i = 0; i < 200_000; i++) out.write("INSERT INTO orders (id, status) VALUES (" + i + ", 'shipped');\n");
        }
        // 11 MB of statements in a 40 MB heap: whether reading or parsing runs out, the file is reported, not the JVM
        CliRun run = CliRun.forked(List.of("-Xmx40m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                "lint", "--format", "text", dir.toString());
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.out().lines().anyMatch(l -> l.contains("V2__seed_data.sql: error file-too-large")
                && l.contains("not analysed")), run.toString());
        assertLinted(run, "V1__plain.sql", 1);
        assertClean(run);
    }

    @Test
    void outputThatCannotBeWrittenIsAnErrorNotACleanRun() throws Exception {
        Path dir = migrations();
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(full, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "lint", "--format", "json", dir.toString());
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("could not write the output"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void standardInputIsDecodedLikeAFile() throws Exception {
        byte[] utf16 = ("\uFEFF" + INDEX.formatted("piped_idx")).getBytes(StandardCharsets.UTF_16LE);
        CliRun piped = CliRun.withStdinBytes(utf16, "lint", "-");
        assertLinted(piped, "<stdin>", 1);
        byte[] latin1 = "SELECT 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1);
        CliRun invalid = CliRun.withStdinBytes(latin1, "lint", "-");
        assertEquals(2, invalid.code(), invalid.toString());
        assertTrue(invalid.out().contains("<stdin>:1:12: error invalid-encoding"), invalid.toString());
        assertClean(invalid);
    }

    @Test
    void fileNameWithALineBreakIsLintedAndShownOnOneLine() throws Exception {
        Path dir = migrations();
        Files.writeString(dir.resolve("V2__two\nlines.sql"), INDEX.formatted("odd_name_idx"));
        CliRun run = CliRun.of("lint", "--format", "text", dir.toString());
        assertEquals(1, run.code(), run.toString());
        assertLinted(run, "V2__two\\nlines.sql", 1);
        assertLinted(run, "V1__plain.sql", 1);
        assertClean(run);
    }

    @Test
    void emptyDirectoryIsAWarningAndExitsZero() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("no-migrations-yet"));
        CliRun run = CliRun.of("lint", empty.toString());
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("no-migrations-yet: warning no-sql-files no SQL migration files found"), run.toString());
        assertClean(run);
    }

    @Test
    void danglingLinkAndFifoNamedLikeMigrationsAreReportedNotSkipped() throws Exception {
        Path dir = migrations();
        Files.createSymbolicLink(dir.resolve("V2__moved.sql"), tmp.resolve("nowhere.sql"));
        Files.createSymbolicLink(dir.resolve("V3__loop.sql"), dir.resolve("V3__loop.sql"));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("V4__pipe.sql").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        CliRun run = CliRun.of("lint", "--format", "text", dir.toString());
        assertEquals(2, run.code(), "a migration that cannot be read is lost input: " + run);
        assertTrue(run.out().contains("V2__moved.sql: error unreadable broken symbolic link: its target does not exist"), run.toString());
        assertTrue(run.out().contains("V3__loop.sql: error unreadable symbolic link loop"), run.toString());
        assertTrue(run.out().contains("V4__pipe.sql: error unreadable not a regular file"), run.toString());
        assertLinted(run, "V1__plain.sql", 1);
        assertClean(run);
    }

    @Test
    void symbolicLinkLoopIsReportedOnceAndNotFollowed() throws Exception {
        Path dir = migrations();
        Files.createSymbolicLink(dir.resolve("again"), dir);
        CliRun run = CliRun.of("lint", "--format", "text", dir.toString());
        assertEquals(1, run.code(), run.toString());
        List<String> loops = run.out().lines().filter(l -> l.contains("symbolic link loop")).toList();
        assertEquals(1, loops.size(), run.toString());
        assertTrue(loops.get(0).contains("again: warning unreadable symbolic link loop: not followed"), run.toString());
        assertLinted(run, "V1__plain.sql", 1);
        assertEquals(1, run.out().lines().filter(l -> l.contains("create-index-non-concurrent")).count(), "linted once: " + run);
        assertClean(run);
    }
}
