package dev.tideline.cli.proving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plan proving ground: every risky migration of these corpus projects, planned with its earlier migrations
 * replayed, applied on PostgreSQL 15 release by release under a generated running release, and compared with the
 * migration as written on a twin database ({@link ProvingGround}). Plans that say a change has no safe path are
 * counted apart; a corpus migration the server itself refuses ends the project's replay and is reported. A third
 * column stops a project after that migration (ente: its first 26, which hold 25_alter_ids_to_bigint), to keep the
 * suite's time in bounds.
 */
class PlanProvingGroundTest {
    static final Map<String, String> SUMMARY = new TreeMap<>();

    static Path corpus() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/corpus/postgres");
            if (Files.isDirectory(candidate)) return candidate;
            dir = dir.getParent();
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "documenso__documenso, packages/prisma/migrations,",
            "ente-io__ente, server/migrations, 26_update_ott_and_twofactor.up.sql",
            "hoppscotch__hoppscotch, packages/hoppscotch-backend/prisma/migrations,",
            "umami-software__umami, prisma/migrations,",
            "svix__svix-webhooks, server/svix-server/migrations,",
            "kestra-io__kestra, jdbc-postgres/src/main/resources/migrations/postgres,"})
    void everyRiskyMigrationsPlanIsProven(String project, String migrations, String through) throws Exception {
        Path root = corpus();
        // As the other corpus tests: a checkout without the corpus beside it skips, and says so, rather than fail.
        assumeTrue(root != null, "shared/corpus/postgres not found above " + Path.of("").toAbsolutePath()
                + ": the proving ground needs the corpus (see the README's plan section)");
        long start = System.nanoTime();
        List<ProvingGround.Outcome> outcomes = new ProvingGround(project, root.resolve(project).resolve(migrations), through).run();
        long proven = outcomes.stream().filter(ProvingGround.Outcome::proven).count();
        long noSafePath = outcomes.stream().filter(o -> o.verdict().equals("no safe path")).count();
        Map<String, String> known = knownDefects(project);
        List<ProvingGround.Outcome> failed = outcomes.stream().filter(o -> o.verdict().equals("FAILED"))
                .filter(o -> !known.containsKey(o.migration())).toList();
        long knownFailed = outcomes.stream().filter(o -> o.verdict().equals("FAILED") && known.containsKey(o.migration())).count();
        List<String> fixed = known.keySet().stream().filter(m -> outcomes.stream()
                .noneMatch(o -> o.migration().equals(m) && o.verdict().equals("FAILED"))).toList();
        String stopped = outcomes.stream().filter(o -> o.verdict().equals("replay stopped")).map(o -> ", replay stopped at " + o.detail())
                .findFirst().orElse("");
        long refused = outcomes.stream().filter(o -> o.verdict().equals("refused as written")).count();
        long gateStopped = outcomes.stream().filter(o -> o.verdict().equals(ProvingGround.GATE_STOPPED)).count();
        String line = proven + " proven, " + noSafePath + " no safe path, " + refused + " refused by the migration as written too, "
                + gateStopped + " stopped by a gate, "
                + knownFailed + " known defects, " + failed.size() + " failed" + stopped
                + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)";
        SUMMARY.put(project, line);
        System.out.println("[plans] " + project + ": " + line);
        for (ProvingGround.Outcome o : outcomes) {
            if (!o.proven()) System.out.println("[plans]   " + o.verdict() + " " + o.migration() + ": " + o.detail().lines().findFirst().orElse(""));
        }
        assertEquals(List.of(), failed.stream().map(o -> o.migration() + ": " + o.detail()).toList(), project);
        assertEquals(List.of(), fixed, project + ": proven now, or no longer failing — take them off " + KNOWN_DEFECTS);
        assertTrue(proven + noSafePath > 0, project + ": no risky migration was found — is the migrations folder right?");
    }

    static final String KNOWN_DEFECTS = "known-failures.txt";

    /**
     * Failures this ground found and not fixed yet (plan defects, and harness limits said as such) ({@value #KNOWN_DEFECTS}: {@code project migration — why}):
     * counted apart; a new failure, or a listed one that stops failing, fails the test.
     */
    static Map<String, String> knownDefects(String project) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (var in = PlanProvingGroundTest.class.getResourceAsStream(KNOWN_DEFECTS)) {
            if (in == null) return out;
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String[] parts = line.strip().split("\\s+", 3);
                if (parts.length >= 2 && !line.startsWith("#") && parts[0].equals(project)) out.put(parts[1], parts.length > 2 ? parts[2] : "");
            }
        }
        return out;
    }

    @AfterAll
    static void table() {
        System.out.println("[plans] corpus plans proven on PostgreSQL 15, per project:");
        SUMMARY.forEach((p, l) -> System.out.println("[plans]   " + p + ": " + l));
    }
}
