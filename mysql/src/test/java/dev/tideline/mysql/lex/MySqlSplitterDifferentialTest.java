package dev.tideline.mysql.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tideline.analyzer.source.SplitResult;
import dev.tideline.analyzer.source.SqlComment;
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.mysql.MySqlVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's own client is the oracle for splitting: each script is run by {@code mysql --force -vvv} (which echoes
 * every statement it sends) in a scratch database, and the echoed statements must be the ones {@link MySqlSplitter}
 * finds. Skipped when the client or the server on 127.0.0.1:3306 is absent.
 */
class MySqlSplitterDifferentialTest {
    private static final Path CLIENT = Path.of("/usr/bin/mysql");
    private static final String ECHO_RULE = "--------------";
    /** Files that could reach outside the scratch database are never run. */
    private static final Pattern OUTSIDE_SCRATCH = Pattern.compile(
            "(?i)DROP\\s+(DATABASE|SCHEMA)|CREATE\\s+(DATABASE|SCHEMA)|\\bUSE\\s|\\bGRANT\\b|\\bREVOKE\\b"
                    + "|(CREATE|DROP|ALTER|RENAME)\\s+USER|SET\\s+(GLOBAL|PERSIST|PASSWORD)|@@GLOBAL|\\\\!"
                    + "|^\\s*(system|source|connect)\\b|\\\\\\.|INTO\\s+(OUT|DUMP)FILE|LOAD\\s+DATA|\\bFLUSH\\b"
                    + "|\\bSHUTDOWN\\b|\\bKILL\\b|INSTALL\\s+PLUGIN",
            Pattern.MULTILINE);
    /** A version comment, {@code /*!NNNNN …*}{@code /} or {@code /*M!NNNNNN …*}{@code /}. */
    private static final Pattern VERSION_COMMENT = Pattern.compile("(?s)/\\*(M?)!(\\d{5,6})?(.*?)\\*/");
    /** The opening of a version comment just before a statement that starts inside one. */
    private static final Pattern VERSION_OPENING = Pattern.compile("/\\*M?!\\d{0,6}\\s*$");
    /** The closing of a version comment just after a statement that ends inside one. */
    private static final Pattern VERSION_CLOSING = Pattern.compile("^\\s*\\*/");
    /** Above this many corpus files, a deterministic sample keeps the run near a minute. */
    private static final int CORPUS_SAMPLE = 300;

    private static String database;
    private static MySqlLexis lexis;

    @BeforeAll
    static void scratchDatabase() throws Exception {
        assumeTrue(Files.isExecutable(CLIENT), "no mysql client at " + CLIENT);
        Run version = client(null, "SELECT VERSION();", "-N", "-B");
        assumeTrue(version.exit == 0, "no MariaDB/MySQL server on 127.0.0.1:3306: " + version.err);
        lexis = new MySqlLexis(true, false,
                MySqlVersion.parse(version.out.strip(), MySqlVersion.Flavour.MYSQL).commentNumber(),
                version.out.toLowerCase(Locale.ROOT).contains("mariadb"));
        database = "mysqlsplit_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        Run create = client(null, "CREATE DATABASE `" + database + "`;");
        assertEquals(0, create.exit, create.err);
    }

    @AfterAll
    static void dropScratchDatabase() throws Exception {
        if (database != null) client(null, "DROP DATABASE IF EXISTS `" + database + "`;");
    }

    @Test
    void trickyScriptsSplitAsTheClientDoes() throws Exception {
        List<String> scripts = List.of(
                "SELECT 'a\\'b;c', \"d\\\"e;\" ;\nSELECT 'x\\\\';\nSELECT '\\\\', ';', '\\';';\n",
                "SELECT 'a#b;' # real comment; here\n, 2;\nSELECT \"-- not; a comment\";\n",
                "SELECT 5 --1\n;\nSELECT 6 -- 1;\n;\nSELECT 7 --\n;\nSELECT 8\n-- tail;\n;\n",
                "/* lead; */ SELECT /* in;ner */ 2 /* tail; */;\nSELECT 1 /* multi\nline; */ + 1;\n",
                "CREATE TABLE `t;1` (`a;b` int, `c``;` int);\nSELECT `a;b`, `c``;` FROM `t;1`;\nDROP TABLE `t;1`;\n",
                "DELIMITER $$\nCREATE PROCEDURE p1() BEGIN SELECT 1; SELECT ';'; END$$\nDELIMITER ;\nCALL p1();\n"
                        + "DROP PROCEDURE p1;\n",
                "DELIMITER //\nCREATE FUNCTION f1() RETURNS int DETERMINISTIC BEGIN DECLARE x int; SET x = 1;"
                        + " RETURN x; END //\nSELECT f1()//\ndelimiter ;\nDROP FUNCTION f1;\n",
                "CREATE TABLE v0 (a int);\n/*!50001 CREATE ALGORITHM=UNDEFINED */\n"
                        + "/*!50001 VIEW v1 AS SELECT a FROM v0 */;\n"
                        + "/*!40101 SET NAMES utf8mb4 */;\n/*!99999 SET @five = 1 */;\n/*M!999999 SET @never = 1 */;\n"
                        + "SELECT 1 /*!40000 + 1 */;\n"
                        + "DROP VIEW v1;\nDROP TABLE v0;\n",
                "CREATE TABLE tr0 (a int);\nDELIMITER ;;\nCREATE TRIGGER tr1 BEFORE INSERT ON tr0 FOR EACH ROW BEGIN\n"
                        + "  IF NEW.a < 0 THEN SET NEW.a = 0; END IF;\nEND;;\nDELIMITER ;\nDROP TABLE tr0;\n",
                "SET sql_mode = 'NO_BACKSLASH_ESCAPES';\nSELECT 'a\\';\nSELECT 3;\n",
                "SELECT 1\r\n;\r\nSELECT 2 --\t1;\r\n;\r\nSELECT 'a\r\nb;';\r\n"
                        + "SELECT 3 -- no newline at the end; SELECT 4",
                "CREATE TABLE c0 (a int,\n  --\n  -- `a` is -- ; not b\n  b int);\nDROP TABLE c0;\n",
                "SELECT 'delimiter ;';\n  DELIMITER  ||  \nSELECT 4||\nDELIMITER ;\n");
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            disagreements.addAll(compare("tricky script " + (i + 1), scripts.get(i)));
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void corpusFilesSplitAsTheClientDoes() throws Exception {
        Path corpus = corpus();
        assumeTrue(corpus != null, "shared/corpus/mysql not found above " + Path.of("").toAbsolutePath());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        int stride = Math.max(1, (files.size() + CORPUS_SAMPLE - 1) / CORPUS_SAMPLE);
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        int outside = 0;
        int goose = 0;
        int statements = 0;
        for (int i = 0; i < files.size(); i += stride) {
            String sql = Files.readString(files.get(i), StandardCharsets.UTF_8);
            if (OUTSIDE_SCRATCH.matcher(sql).find()) {
                outside++;
                continue;
            }
            // goose's StatementBegin/End is read by goose, not by the mysql client: the splitter follows goose there.
            if (sql.contains("+goose StatementBegin")) {
                goose++;
                continue;
            }
            disagreements.addAll(compare(corpus.relativize(files.get(i)).toString(), sql));
            compared++;
            statements += new MySqlSplitter(lexis).split(files.get(i), sql).statements().size();
        }
        System.out.printf("MySqlSplitterDifferentialTest: %d of %d corpus files compared (stride %d), %d skipped as"
                + " reaching outside the scratch database, %d as goose blocks; %d statements, %d disagreements%n",
                compared, files.size(), stride, outside, goose, statements, disagreements.size());
        assertTrue(compared > 50, "too few corpus files compared: " + compared);
        assertEquals(List.of(), disagreements);
    }

    /** The disagreements between the client's echo and the splitter on one script, each named by its source. */
    private static List<String> compare(String source, String sql) throws Exception {
        Run run = client(database, sql, "--force", "-vvv");
        List<String> sent = echoedStatements(run.out).stream().map(MySqlSplitterDifferentialTest::asExecuted)
                .filter(s -> !s.isEmpty()).toList();
        SplitResult split = new MySqlSplitter(lexis).split(Path.of(source), sql);
        List<String> found = split.statements().stream().map(s -> asSplit(sql, s, split.comments())).toList();
        List<String> out = new ArrayList<>();
        int n = Math.max(sent.size(), found.size());
        for (int i = 0; i < n; i++) {
            String c = i < sent.size() ? sent.get(i) : "<none>";
            String t = i < found.size() ? found.get(i) : "<none>";
            if (!c.equals(t)) {
                out.add(source + " statement " + (i + 1) + ": client sent [" + c + "] but splitter found [" + t + "]");
                break; // after the first misalignment the rest only repeats it
            }
        }
        return out;
    }

    /** The statements {@code -vvv} echoes, each between two rule lines. */
    static List<String> echoedStatements(String output) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = null;
        for (String line : output.split("\n", -1)) {
            if (line.equals(ECHO_RULE)) {
                if (current == null) {
                    current = new StringBuilder();
                } else {
                    statements.add(current.toString());
                    current = null;
                }
            } else if (current != null) {
                current.append(current.isEmpty() ? "" : "\n").append(line);
            }
        }
        return statements;
    }

    /** A sent statement with executed version comments unwrapped and the others removed, whitespace collapsed. */
    private static String asExecuted(String sent) {
        Matcher m = VERSION_COMMENT.matcher(sent);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean mariaOnly = !m.group(1).isEmpty();
            int needed = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            boolean runs = (!mariaOnly || lexis.mariaDb()) && needed <= lexis.versionNumber();
            m.appendReplacement(out, Matcher.quoteReplacement(" " + (runs ? m.group(3) : "") + " "));
        }
        m.appendTail(out);
        return collapse(out.toString());
    }

    /**
     * A found statement as the client would send it: widened over the version comment markers it starts or ends
     * inside, without the plain comments the client strips (its default {@code --skip-comments}), then read as
     * {@link #asExecuted}.
     */
    private static String asSplit(String sql, SqlStatement statement, List<SqlComment> comments) {
        int start = offset(sql, statement.line(), statement.column());
        int end = start + statement.text().length();
        Matcher opening = VERSION_OPENING.matcher(sql.substring(Math.max(0, start - 20), start));
        if (opening.find()) start -= opening.group().length();
        Matcher closing = VERSION_CLOSING.matcher(sql.substring(end));
        if (closing.find()) end += closing.group().length();
        StringBuilder text = new StringBuilder();
        int at = start;
        // by position, not by text: one comment's text can occur inside another's (a bare "--" in "-- `data`")
        for (SqlComment c : comments) {
            int from = offset(sql, c.line(), c.column());
            int to = from + c.text().length();
            boolean plain = !c.text().startsWith("/*!") && !c.text().startsWith("/*M!");
            if (plain && from >= at && to <= end) {
                text.append(sql, at, from).append(' ');
                at = to;
            }
        }
        text.append(sql, at, end);
        return asExecuted(text.toString());
    }

    /** The offset of a 1-based line and column. */
    private static int offset(String text, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) at = text.indexOf('\n', at) + 1;
        return at + column - 1;
    }

    private static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static Path corpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/mysql");
            if (Files.isDirectory(candidate)) return candidate;
        }
        return null;
    }

    private record Run(int exit, String out, String err) {}

    private static Run client(String db, String input, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CLIENT.toString(), "-h127.0.0.1", "-P3306", "-uroot",
                "--connect-timeout=5", "--default-character-set=utf8mb4"));
        command.addAll(List.of(options));
        if (db != null) command.add(db);
        Path err = Files.createTempFile("mysqlsplit", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            Thread feeder = new Thread(() -> {
                try (var in = p.getOutputStream()) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the client exits early on a fatal error; its stderr says why
                }
            });
            feeder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
            feeder.join();
            return new Run(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
