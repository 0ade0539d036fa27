package dev.tideline.mysql.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.mysql.MySqlVersion;
import dev.tideline.rules.Finding;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.rules.engine.LintRequest;
import dev.tideline.rules.engine.LintRun;
import dev.tideline.rules.engine.Target;
import dev.tideline.rules.engine.Targeting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Every rule of the wing against SQL fixtures run through the whole MySQL pipeline: {@code fixtures/<rule-id>.sql} and
 * further targets in {@code fixtures/<rule-id>.<variant>.sql} ({@code .mariadb}, {@code .mysql-8.0.15}); every rule has a
 * fixture for each flavour it applies to. Markers as in the rules module: {@code -- expect: rule-id} on the first line of a statement, {@code -- ok} on a
 * statement that must stay quiet, {@code -- file: NAME} starts another migration file, and a first line
 * {@code -- fixture: dialect=mariadb version=10.11} sets the target. Findings of the fixture's rule (and of any rule a
 * marker names) must match the markers exactly.
 */
class MySqlRuleFixturesTest {
    private static final Pattern EXPECT = Pattern.compile("(?:--|#)\\s*expect:\\s*([a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*)");
    private static final Pattern OK = Pattern.compile("(?:--|#)\\s*ok\\b");
    private static final Pattern FILE = Pattern.compile("^--\\s*file:\\s*(\\S+)\\s*$");
    private static final Pattern HEADER = Pattern.compile("^--\\s*fixture:(.*)$");

    @TempDir
    Path dir;

    static Stream<String> ruleIds() {
        return MySqlRules.ALL.stream().map(r -> r.info().id());
    }

    /** Every fixture file name, e.g. {@code table-copy.sql}, {@code table-copy.mariadb.sql}. */
    static Stream<String> fixtures() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(MySqlRuleFixturesTest.class.getResource("/fixtures").toURI()))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static String ruleOf(String fixture) {
        return fixture.replaceFirst("(\\.[a-z0-9.-]+)?\\.sql$", "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void ruleMatchesItsFixture(String name) throws IOException {
        String ruleId = ruleOf(name);
        String fixture = fixture(name);
        assertTrue(OK.matcher(fixture).find(), name + " has no non-firing (-- ok) statement");
        Set<String> rules = new TreeSet<>(List.of(ruleId));
        Set<String> expected = new TreeSet<>();
        String[] target = {"mysql", null};
        writeFiles(fixture, rules, expected, target);
        MySqlVersion version = MySqlVersion.parse(new MySqlEngine().target(target[0], target[1]).version(),
                target[0].equals("mariadb") ? MySqlVersion.Flavour.MARIADB : MySqlVersion.Flavour.MYSQL);
        boolean applies = MySqlRules.ALL.stream().filter(r -> r.info().id().equals(ruleId)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " names no rule")).appliesTo(version);
        assertEquals(applies, expected.stream().anyMatch(e -> e.endsWith(" " + ruleId)), name + (applies
                ? " has no -- expect: " + ruleId : ": the rule does not apply to " + version.display() + " yet expects findings"));

        MySqlEngine engine = new MySqlEngine();
        Target t = engine.target(target[0], target[1]);
        TidelineConfig config = TidelineConfig.defaults();
        LintRun run = engine.lint(t, new LintRequest(config, List.of(dir), null, new Targeting(config, null), false));
        Set<String> actual = new TreeSet<>();
        List<String> messages = new ArrayList<>();
        for (LintRun.SetLint set : run.sets()) {
            for (Diagnostic d : set.problems()) if (d.severity() == Diagnostic.Severity.ERROR) fail(ruleId + ".sql: " + d);
            for (Finding f : set.result().findings()) {
                if (!rules.contains(f.rule())) continue;
                String key = dir.relativize(f.file()) + ":" + f.line() + " " + f.rule();
                assertTrue(actual.add(key), "reported more than once per statement: " + key);
                messages.add(key + ": " + f.message());
            }
        }
        Set<String> missed = new TreeSet<>(expected);
        missed.removeAll(actual);
        Set<String> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(expected);
        assertEquals("", (missed.isEmpty() ? "" : "missed " + missed + " ")
                + (unexpected.isEmpty() ? "" : "false positives " + unexpected + " " + messages), ruleId + ".sql");
    }

    @Test
    void everyFixtureBelongsToARule() throws Exception {
        Set<String> ids = new TreeSet<>(ruleIds().toList());
        for (String f : fixtures().toList()) assertTrue(ids.contains(ruleOf(f)), "fixture " + f + " names no rule");
    }

    /** A rule that applies to a flavour (at its default version) has a fixture targeting that flavour. */
    @Test
    void everyRuleHasAFixtureForEachFlavourItAppliesTo() throws Exception {
        List<String> names = fixtures().toList();
        for (MySqlRule r : MySqlRules.ALL) {
            String id = r.info().id();
            assertTrue(names.contains(id + ".sql"), "no fixture fixtures/" + id + ".sql");
            Set<String> dialects = new TreeSet<>();
            for (String n : names) {
                if (!ruleOf(n).equals(id)) continue;
                Matcher header = HEADER.matcher(fixture(n).lines().findFirst().orElse(""));
                dialects.add(header.matches() && header.group(1).contains("dialect=mariadb") ? "mariadb" : "mysql");
            }
            if (r.appliesTo(MySqlVersion.DEFAULT_MYSQL)) assertTrue(dialects.contains("mysql"), id + ": no MySQL fixture");
            if (r.appliesTo(MySqlVersion.DEFAULT_MARIADB)) {
                assertTrue(dialects.contains("mariadb"), id + ": no MariaDB fixture (fixtures/" + id + ".mariadb.sql)");
            }
        }
    }

    private String fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
            if (in == null) fail("no fixture fixtures/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Splits the fixture into its migration files under {@link #dir}; collects markers as "file:line rule". */
    private void writeFiles(String fixture, Set<String> rules, Set<String> expected, String[] target) throws IOException {
        String name = "V1__migration.sql";
        List<String> lines = new ArrayList<>();
        String[] all = fixture.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            Matcher header = HEADER.matcher(line);
            if (i == 0 && header.matches()) {
                for (String setting : header.group(1).trim().split("\\s+")) {
                    String[] kv = setting.split("=", 2);
                    if (kv[0].equals("dialect")) target[0] = kv[1];
                    else if (kv[0].equals("version")) target[1] = kv[1];
                    else fail("unknown fixture setting " + setting);
                }
                lines.add("");
                continue;
            }
            Matcher file = FILE.matcher(line);
            if (file.matches()) {
                if (!lines.isEmpty() && lines.stream().anyMatch(l -> !l.isBlank())) write(name, lines);
                name = file.group(1);
                lines = new ArrayList<>();
                continue;
            }
            lines.add(line);
            Matcher m = EXPECT.matcher(line);
            if (m.find()) {
                for (String id : m.group(1).split(",")) {
                    rules.add(id.trim());
                    expected.add(name + ":" + lines.size() + " " + id.trim());
                }
            }
        }
        write(name, lines);
    }

    private void write(String name, List<String> lines) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, String.join("\n", lines));
    }
}
