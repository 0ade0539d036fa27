package dev.tideline.cli;

import dev.tideline.api.Baselined;
import dev.tideline.api.Linted;
import dev.tideline.api.Tideline;
import dev.tideline.api.output.Format;
import dev.tideline.api.output.LintReport;
import dev.tideline.cli.Main.UserError;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Severity;
import dev.tideline.rules.baseline.Baseline;
import dev.tideline.rules.stats.SizeRisk;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tideline lint}: per statement, what will lock, break the running release or destroy data. */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Lints PostgreSQL, MySQL and MariaDB migrations: per statement, the locks it takes, what it rewrites or copies,",
                "what breaks the release still running and what destroys data, with the safe SQL instead.",
                "",
                "Exit status: 0 no error findings, 1 error findings, 2 usage, configuration or input error."},
        footer = {"", "Examples:",
                "  tideline lint db/migrations",
                "  tideline lint --format sarif --changed-since origin/main db/migrations > tideline.sarif",
                "  tideline lint --format sarif=tideline.sarif --format github db/migrations",
                "  git show HEAD:db/V7__x.sql | tideline lint --runner flyway -"})
final class LintCommand implements Callable<Integer> {
    @Option(names = "--format", paramLabel = "FORMAT[=FILE]", defaultValue = "text", converter = Output.Converter.class,
            description = "Output: text, json, sarif, github, gitlab, markdown (default: ${DEFAULT-VALUE}); FORMAT=FILE writes"
                    + " that format to FILE. Repeat for several formats from one analysis: --format sarif=out.sarif --format github.")
    List<Output> outputs;

    @Mixin
    MigrationInputs inputs;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Report only findings not recorded in this baseline.")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Record today's findings in FILE (then exit 0 unless an input could not be read).")
    Path writeBaseline;

    @Mixin
    StatsOptions stats;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One --format: a format, and the file it goes to (null: standard output). */
    record Output(Format format, Path file) {
        void write(LintReport report) {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                format.writer(false).write(report, out);
            } catch (IOException | UncheckedIOException e) {
                throw new UserError("--format " + format + "=" + file + ": cannot write: " + e.getMessage(), e);
            }
        }

        static final class Converter implements CommandLine.ITypeConverter<Output> {
            @Override
            public Output convert(String value) {
                int eq = value.indexOf('=');
                String name = (eq < 0 ? value : value.substring(0, eq)).strip();
                Format format;
                try {
                    format = Format.valueOf(name.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.TypeConversionException("expected one of " + Arrays.toString(Format.values())
                            + " (case-insensitive), optionally =FILE, but was '" + value + "'");
                }
                if (eq >= 0 && value.substring(eq + 1).isBlank()) {
                    throw new CommandLine.TypeConversionException("'" + value + "': name the file after '='");
                }
                return new Output(format, eq < 0 ? null : Path.of(value.substring(eq + 1)));
            }
        }
    }

    @Override
    public Integer call() throws IOException {
        if (outputs.stream().filter(o -> o.file() == null).count() > 1) {
            throw new UserError("only one --format can write to standard output; give the others a file: --format sarif=out.sarif");
        }
        Path cwd = Path.of("").toAbsolutePath();
        // Only --stats reads the analysed files after linting; without it each set's analysis is dropped once linted.
        Linted linted = Tideline.lint(inputs.request(cwd, stats.stats));
        LintResult result = linted.result();
        SizeRisk sizes = stats.read(result.analysis());
        if (sizes != null) result = sizes.apply(result);

        if (writeBaseline != null) {
            try {
                Baseline.write(writeBaseline, result.findings());
            } catch (IOException | UncheckedIOException e) {
                throw new UserError(writeBaseline + ": cannot write the baseline: " + e.getMessage(), e);
            }
            spec.commandLine().getErr().println("tideline lint: recorded " + result.findings().size()
                    + " finding(s) in " + writeBaseline);
        }
        int known = 0;
        if (baseline != null) {
            Baselined filtered = Baselined.filter(result, baseline, cwd);
            result = filtered.result();
            known = filtered.known();
        }

        LintReport report = linted.report(result, known, cwd);
        for (Output output : outputs) {
            if (output.file() != null) output.write(report);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Output output : outputs) {
            if (output.file() == null) output.format().writer(output.format() == Format.TEXT && colourTerminal()).write(report, out);
        }
        out.flush();

        if (report.hasInputErrors()) return Main.USAGE_OR_IO_ERROR;
        if (writeBaseline != null) return 0;
        if (result.hasUnanalysedStatements()) return Main.USAGE_OR_IO_ERROR;
        return result.count(Severity.ERROR) > 0 ? 1 : 0;
    }

    /** Colour only when a person is watching: a terminal on both ends, and NO_COLOR not set. */
    private static boolean colourTerminal() {
        return System.getenv("NO_COLOR") == null && CommandLine.Help.Ansi.AUTO.enabled();
    }
}
