import dev.tideline.cli.Main;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a cold lint's time goes: the same `lint --format json` over the same files, RUNS times in one JVM, output
 * discarded. The first run pays for class loading, interpretation and JIT compilation; the later ones show what the
 * analysis itself costs once compiled. Run by bench/corpus.sh as a Java source file:
 * {@code java -cp tideline.jar bench/WarmLint.java RUNS FILE_LIST}, FILE_LIST holding one path per line.
 */
public final class WarmLint {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        List<String> lint = new ArrayList<>(List.of("lint", "--format", "json"));
        lint.addAll(Files.readAllLines(Path.of(args[1])));
        String[] argv = lint.toArray(String[]::new);
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        long[] millis = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            int exit = Main.run(nowhere, nowhere, argv);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            // 2 also stands for findings on statements no parser understood, which the corpus holds a few of
            if (exit > 2) throw new IllegalStateException("lint exited with " + exit);
        }
        long[] later = Arrays.copyOfRange(millis, runs / 2, runs);
        Arrays.sort(later);
        System.out.printf("first %d ms, median of runs %d-%d %d ms%n", millis[0], runs / 2 + 1, runs, later[later.length / 2]);
    }
}
