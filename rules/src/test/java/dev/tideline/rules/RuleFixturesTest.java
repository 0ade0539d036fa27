package dev.tideline.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.AnalyzerOptions;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.config.TidelineConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule against SQL fixtures run through the real analyzer: {@code fixtures/<rule-id>.sql}. Markers:
 * <ul>
 *   <li>{@code -- expect: rule-id[, rule-id]} on the first line of a statement: the rule must fire there;</li>
 *   <li>{@code -- ok} on a statement that must stay quiet (the safe forms; every fixture has some);</li>
 *   <li>{@code -- file: NAME} starts another migration file (runner layouts are detected from the names; earlier
 *       files are replayed first, so their tables exist in later ones);</li>
 *   <li>a first line {@code -- fixture: pg-version=N runner=R} sets the analyzer options.</li>
 * </ul>
 * For the fixture's own rule and every rule named in a marker, findings and markers must match exactly: a
 * finding on an unmarked line is a false positive, a marker without a finding a miss, and a rule reports a statement
 * at most once.
 */
class RuleFixturesTest {
    private static final Pattern EXPECT = Pattern.compile("(?:--|/\\*)\\s*expect:\\s*([a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*)");
    private static final Pattern OK = Pattern.compile("--\\s*ok\\b");
    private static final Pattern FILE = Pattern.compile("^--\\s*file:\\s*(\\S+)\\s*$");
    private static final Pattern HEADER = Pattern.compile("^--\\s*fixture:(.*)$");

    @TempDir
    Path dir;

    static Stream<String> ruleIds() {
        return RuleRegistry.ALL.stream().map(r -> r.info().id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleIds")
    void ruleMatchesItsFixture(String ruleId) throws IOException {
        String fixture = fixture(ruleId);
        assertTrue(OK.matcher(fixture).find(), ruleId + ".sql has no non-firing (-- ok) statement");
        Set<String> rules = new TreeSet<>(List.of(ruleId));
        Set<String> expected = new TreeSet<>();
        AnalyzerOptions options = writeFiles(fixture, rules, expected);
        assertTrue(expected.stream().anyMatch(e -> e.endsWith(" " + ruleId)), ruleId + ".sql has no -- expect: " + ruleId);

        Analysis analysis = new Analyzer(options).analyze(List.of(dir));
        for (var f : analysis.files()) {
            for (Diagnostic d : f.diagnostics()) {
                if (d.severity() == Diagnostic.Severity.ERROR) fail(ruleId + ".sql: " + d);
            }
        }
        LintResult result = new Linter(TidelineConfig.defaults()).lint(analysis);
        Set<String> actual = new TreeSet<>();
        Set<String> repeated = new TreeSet<>();
        for (Finding f : result.findings()) {
            String key = dir.relativize(f.file()) + ":" + f.line() + " " + f.rule();
            if (rules.contains(f.rule()) && !actual.add(key)) repeated.add(key);
        }
        Set<String> missed = new TreeSet<>(expected);
        missed.removeAll(actual);
        Set<String> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(expected);
        assertEquals("", (missed.isEmpty() ? "" : "missed " + missed + " ")
                + (repeated.isEmpty() ? "" : "reported more than once per statement " + repeated + " ")
                + (unexpected.isEmpty() ? "" : "false positives " + unexpected + " "
                + describe(result, unexpected)), ruleId + ".sql");
    }

    @Test
    void everyFixtureBelongsToARule() throws Exception {
        Set<String> ids = new TreeSet<>(ruleIds().toList());
        try (Stream<Path> files = Files.list(Path.of(getClass().getResource("/fixtures").toURI()))) {
            for (Path f : files.toList()) {
                String rule = f.getFileName().toString().replaceFirst("\\.sql$", "");
                assertTrue(ids.contains(rule), "fixture " + f.getFileName() + " names no rule");
            }
        }
    }

    private String fixture(String ruleId) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + ruleId + ".sql")) {
            if (in == null) fail("no fixture fixtures/" + ruleId + ".sql");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Splits the fixture into its migration files under {@link #dir}; collects markers as "file:line rule". */
    private AnalyzerOptions writeFiles(String fixture, Set<String> rules, Set<String> expected) throws IOException {
        PgVersion version = PgVersion.DEFAULT;
        Runner runner = null;
        String name = "001_migration.sql";
        List<String> lines = new ArrayList<>();
        String[] all = fixture.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            Matcher header = HEADER.matcher(line);
            if (i == 0 && header.matches()) {
                for (String kv : header.group(1).trim().split("\\s+")) {
                    String[] p = kv.split("=", 2);
                    if (p[0].equals("pg-version")) version = new PgVersion(Integer.parseInt(p[1]));
                    else if (p[0].equals("runner")) runner = Runner.valueOf(p[1].toUpperCase(Locale.ROOT).replace('-', '_'));
                    else fail("unknown fixture option " + kv);
                }
                lines.add("");
                continue;
            }
            Matcher file = FILE.matcher(line);
            if (file.matches()) {
                write(name, lines);
                name = file.group(1);
                lines = new ArrayList<>();
                continue;
            }
            lines.add(line);
            Matcher m = EXPECT.matcher(line);
            if (m.find()) {
                for (String id : m.group(1).split("\\s*,\\s*")) {
                    rules.add(id);
                    expected.add(name + ":" + lines.size() + " " + id);
                }
            }
        }
        write(name, lines);
        return new AnalyzerOptions(version, runner, Map.of());
    }

    private void write(String name, List<String> lines) throws IOException {
        if (lines.stream().allMatch(String::isBlank)) return;
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, String.join("\n", lines));
    }

    private String describe(LintResult result, Set<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : result.findings()) {
            if (keys.contains(dir.relativize(f.file()) + ":" + f.line() + " " + f.rule())) {
                sb.append("\n  ").append(f.line()).append(' ').append(f.rule()).append(": ").append(f.message());
            }
        }
        return sb.toString();
    }
}
