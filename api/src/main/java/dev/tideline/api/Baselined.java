package dev.tideline.api;

import dev.tideline.rules.Finding;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.baseline.Baseline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A lint result without the findings a baseline file already records (the ones a team accepted when it adopted
 * tideline), and how many those were.
 */
public record Baselined(LintResult result, int known) {
    /**
     * @param baseDir the directory the baseline's file names are relative to (where it was written)
     * @throws TidelineException when the file is missing or unreadable
     */
    public static Baselined filter(LintResult result, Path baselineFile, Path baseDir) {
        if (!Files.isRegularFile(baselineFile)) throw new TidelineException(baselineFile + ": baseline file not found");
        Baseline baseline;
        try {
            baseline = Baseline.read(baselineFile);
        } catch (IOException | UncheckedIOException e) {
            throw new TidelineException(baselineFile + ": cannot read baseline: " + e.getMessage(), e);
        }
        List<Finding> fresh = baseline.onlyNew(result.findings(), baseDir);
        return new Baselined(new LintResult(result.analysis(), fresh, result.suppressed(), result.coverage()),
                result.findings().size() - fresh.size());
    }
}
