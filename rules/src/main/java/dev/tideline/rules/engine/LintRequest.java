package dev.tideline.rules.engine;

import dev.tideline.rules.config.TidelineConfig;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What to lint.
 *
 * @param paths     resolved files and directories (migration sets are found under them)
 * @param stdin     standard input to lint as one more file, or null
 * @param targeting which of the named files get findings (exclusions, {@code --changed-since})
 * @param keepFiles keep every file's analysis in the result (plan, report and {@code --stats} read it)
 */
public record LintRequest(TidelineConfig settings, List<Path> paths, InputStream stdin, Targeting targeting,
                          boolean keepFiles) {}
