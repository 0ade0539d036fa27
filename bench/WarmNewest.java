import dev.tideline.analyzer.ReplayCache;
import dev.tideline.analyzer.files.MigrationFiles;
import dev.tideline.rules.Finding;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.rules.engine.LintEngine;
import dev.tideline.rules.engine.LintRequest;
import dev.tideline.rules.engine.LintRun;
import dev.tideline.rules.engine.PostgresEngine;
import dev.tideline.rules.engine.Target;
import dev.tideline.rules.engine.Targeting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A warm JVM (a language server's, a daemon's) linting the newest migration of a long history again and again: the
 * cost per lint without the replay cache (every earlier file read, parsed and replayed each time) and with it (only the
 * newest file), alternating, after WARMUP lints of each to compile the code. The findings of both must be the same.
 * Run by bench/warm.sh as a Java source file: {@code java -cp tideline.jar bench/WarmNewest.java PROJECT_DIR RUNS}.
 */
public final class WarmNewest {
    public static void main(String[] args) {
        Path project = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        List<MigrationFiles.Entry> entries = List.of();  // the project's longest history
        for (MigrationFiles.MigrationSet set : MigrationFiles.collect(List.of(project)).sets()) {
            if (set.entries().size() > entries.size()) entries = set.entries();
        }
        Path newest = entries.get(entries.size() - 1).file();
        LintEngine plain = new PostgresEngine();
        LintEngine cached = new PostgresEngine(ReplayCache.inMemory(16));
        TidelineConfig settings = TidelineConfig.defaults();
        Target target = plain.target("postgres", null);
        LintRequest request = new LintRequest(settings, List.of(newest), null, new Targeting(settings, null), false);
        List<Finding> expected = findings(plain.lint(target, request));
        int warmup = Math.max(20, runs / 2);
        for (int i = 0; i < warmup; i++) {
            plain.lint(target, request);
            cached.lint(target, request);
        }
        long[] without = new long[runs];
        long[] with = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            List<Finding> a = findings(plain.lint(target, request));
            without[i] = System.nanoTime() - start;
            start = System.nanoTime();
            List<Finding> b = findings(cached.lint(target, request));
            with[i] = System.nanoTime() - start;
            if (!a.equals(expected) || !b.equals(expected)) throw new IllegalStateException("findings differ");
        }
        System.out.printf("%s: newest file of a %d-file history (%s), %d findings; warm lint median without cache %.2f ms, with cache %.2f ms"
                + " (ratio %.3f)%n", project.getFileName(), entries.size(), project.relativize(newest), expected.size(),
                median(without), median(with), median(with) / median(without));
    }

    private static List<Finding> findings(LintRun run) {
        List<Finding> out = new ArrayList<>();
        for (LintRun.SetLint set : run.sets()) out.addAll(set.result().findings());
        return out;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
