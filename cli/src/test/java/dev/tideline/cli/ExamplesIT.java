package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tideline.api.output.SarifReportTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shipped GitHub Actions workflow example and pre-commit hook definition for real, through the
 * ./tideline launcher and the packaged jar (so this runs after {@code package}, under failsafe), in a
 * scratch git repository with a base branch and a pull-request branch.
 */
class ExamplesIT {
    static final Path ROOT = RepoRoot.get();
    static final Path JAR = ROOT.resolve("cli/target/tideline.jar");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir Path tmp;
    Path repo;

    @BeforeEach
    void pullRequest() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run after `mvn package`: " + JAR);
        Path origin = tmp.resolve("origin.git");
        run(tmp, Map.of(), "git", "init", "-q", "--bare", "-b", "main", origin.toString());
        repo = Files.createDirectory(tmp.resolve("work"));
        git("init", "-q", "-b", "main");
        git("remote", "add", "origin", origin.toString());
        Path migrations = Files.createDirectories(repo.resolve("db/migrations"));
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, status text);\n");
        Files.writeString(migrations.resolve("V2__old.sql"), "CREATE INDEX orders_status_idx ON orders (status);\n");
        git("add", ".");
        git("commit", "-q", "-m", "base");
        git("push", "-q", "origin", "main");
        git("checkout", "-q", "-b", "feature");
        Files.writeString(migrations.resolve("V3__drop_status.sql"), "ALTER TABLE orders DROP COLUMN status;\n");
        git("add", ".");
        git("commit", "-q", "-m", "drop status");
    }

    @Test
    void githubWorkflowAnnotatesOnlyThePullRequestsFilesAndFailsTheCheck() throws Exception {
        JsonNode workflow = YAML.readTree(ROOT.resolve("examples/github-actions/tideline.yml").toFile());
        JsonNode job = workflow.at("/jobs/lint-migrations");
        Path runnerTemp = Files.createDirectory(tmp.resolve("runner-temp"));
        Files.createSymbolicLink(runnerTemp.resolve("tideline"), ROOT);   // what the "Fetch tideline" step clones
        Path stepSummary = tmp.resolve("step-summary.md");
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "GITHUB_BASE_REF", "main", "RUNNER_TEMP", runnerTemp.toString(),
                "GITHUB_STEP_SUMMARY", stepSummary.toString(), "TIDELINE_JAR", JAR.toString()));
        workflow.get("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));

        List<String> ran = new ArrayList<>();
        for (JsonNode step : job.get("steps")) {
            if (!step.has("run") || step.get("name").asText().startsWith("Fetch tideline")) continue;
            String script = step.get("run").asText();
            assertFalse(script.contains("${{"), "expressions are not evaluated here: " + script);
            Result result = run(repo, env, "bash", "-e", "-c", script);   // GitHub's default `run` shell
            String name = step.get("name").asText();
            ran.add(name);
            if (name.startsWith("Lint changed migrations")) {
                assertEquals(1, result.code, "error findings fail the check: " + result);
                List<String> annotations = result.out.lines().filter(l -> l.startsWith("::")).toList();
                assertFalse(annotations.isEmpty(), result.toString());
                for (String a : annotations) assertTrue(a.contains("file=db/migrations/V3__drop_status.sql,"), a);
                assertTrue(annotations.stream().anyMatch(a -> a.startsWith("::error ") && a.contains("drop-column")), result.toString());
            } else {
                assertEquals(0, result.code, name + ": " + result);
            }
        }
        assertEquals(List.of("Lint changed migrations", "Summary for the job page", "SARIF for code scanning"), ran);
        assertTrue(Files.readString(stepSummary).startsWith("### ❌ tideline: "), Files.readString(stepSummary));
        String sarif = Files.readString(repo.resolve("tideline.sarif"));
        assertEquals(Set.of(), SarifReportTest.validate(sarif));
        assertEquals("db/migrations/V3__drop_status.sql",
                new ObjectMapper().readTree(sarif).at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText());
    }

    @Test
    void preCommitHookLintsTheStagedMigrations() throws Exception {
        JsonNode hook = YAML.readTree(ROOT.resolve(".pre-commit-hooks.yaml").toFile()).get(0);
        assertEquals("tideline", hook.get("id").asText());
        assertEquals("script", hook.get("language").asText(), "entry is a script in this repository");
        assertTrue(hook.get("pass_filenames").asBoolean());
        Pattern files = Pattern.compile(hook.get("files").asText());

        Files.writeString(repo.resolve("README.md"), "not a migration\n");
        Files.writeString(repo.resolve("db/migrations/V4__index.sql"), "CREATE INDEX orders_id_idx ON orders (id);\n");
        git("add", ".");
        List<String> staged = run(repo, Map.of(), "git", "diff", "--cached", "--name-only").out.lines()
                .filter(name -> files.matcher(name).find()).toList();
        assertEquals(List.of("db/migrations/V4__index.sql"), staged);

        String[] entry = hook.get("entry").asText().split(" ");
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve(entry[0]).toString()));
        command.addAll(List.of(entry).subList(1, entry.length));
        command.addAll(staged);
        Result blocked = run(repo, Map.of("TIDELINE_JAR", JAR.toString()), command.toArray(String[]::new));
        assertEquals(1, blocked.code, blocked.toString());
        assertTrue(blocked.out.contains("db/migrations/V4__index.sql:1:1: error create-index-non-concurrent"), blocked.toString());

        Files.writeString(repo.resolve("db/migrations/V4__index.sql"), """
                SET lock_timeout = '2s';
                CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_id_idx ON orders (id);
                """);
        command.set(command.size() - 1, "db/migrations/V4__index.sql");
        Result allowed = run(repo, Map.of("TIDELINE_JAR", JAR.toString()), command.toArray(String[]::new));
        assertEquals(0, allowed.code, "the safe form passes the hook: " + allowed);
    }

    @Test
    void launcherFindsTheConfigurationInTheWorkingDirectory() throws Exception {
        Files.writeString(repo.resolve("tideline.yaml"), "rules:\n  drop-column:\n    enabled: false\n");
        Result result = run(repo, Map.of("TIDELINE_JAR", JAR.toString()), "bash", ROOT.resolve("tideline").toString(),
                "lint", "--format", "json", "db/migrations/V3__drop_status.sql");
        assertFalse(result.out.contains("\"drop-column\""), "disabled in the discovered tideline.yaml: " + result);
        Result without = run(repo, Map.of("TIDELINE_JAR", JAR.toString()), "bash", ROOT.resolve("tideline").toString(),
                "lint", "--format", "json", "--config", ROOT.resolve("examples/tideline.yaml").toString(),
                "db/migrations/V3__drop_status.sql");
        assertTrue(without.out.contains("\"drop-column\""), without.toString());
    }

    private record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Result r = run(repo, Map.of(), command.toArray(String[]::new));
        assertEquals(0, r.code, r.toString());
    }

    private static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("TIDELINE_JAR");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        java.util.concurrent.CompletableFuture<String> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes());
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out, err.join());
    }
}
