package dev.tideline.lsp;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.ReplayCache;
import dev.tideline.api.Engines;
import dev.tideline.api.LintRequest;
import dev.tideline.api.Tideline;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Linter;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.rules.engine.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The one place the language server calls tideline's orchestration: the configuration and target resolved by the API
 * root exactly as for {@code tideline lint FILE} run in the file's folder, then the file's migration set analysed with
 * the edited file's text from the editor's buffer and the earlier files from disk, their replay kept between edits.
 */
final class LintAdapter {
    /** One file's lint: its findings and the analysis of its set (for hovers). */
    record Linted(LintResult result, FileAnalysis file, TidelineConfig config) {}

    /** Earlier migrations replayed once per set and reused while none of them changes on disk. */
    private final ReplayCache replays = ReplayCache.inMemory(8);

    /**
     * Lints {@code file} as the CLI would, with {@code buffer} as its text.
     *
     * @throws dev.tideline.api.TidelineException for a configuration the user must fix, or a target other than PostgreSQL
     */
    Linted lint(Path file, String buffer) {
        Path abs = file.toAbsolutePath().normalize();
        LintRequest request = LintRequest.of(abs).withCwd(abs.getParent());
        Tideline.requirePostgres(request, "lsp");
        TidelineConfig settings = Tideline.settings(request);
        Target target = Engines.target(settings, null, null, false);
        if (target.version() != null) settings = settings.withPgVersion(new PgVersion(Integer.parseInt(target.version())));
        Analysis analysis = new Analyzer(settings.analyzerOptions(), replays, Map.of(abs, buffer)).analyze(List.of(abs));
        LintResult result = new Linter(settings).lint(analysis);
        FileAnalysis mine = analysis.files().stream().filter(f -> MigrationDocuments.same(f.file(), abs)).findFirst().orElse(null);
        return new Linted(result, mine, settings);
    }
}
