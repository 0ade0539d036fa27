package dev.tideline.cli;

import dev.tideline.api.TidelineException;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: one subcommand class per job. */
@Command(name = "tideline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps database migrations from taking production down.")
public final class Main implements Callable<Integer> {
    /**
     * The subcommands by name, in help order. Only the one invoked is registered: picocli reads every registered
     * command's annotations by reflection, and doing it for all of them was a large part of a lint's start-up.
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("lint", LintCommand.class);
        m.put("fix", FixCommand.class);
        m.put("lsp", LspCommand.class);
        m.put("rules", RulesCommand.class);
        m.put("explain", ExplainCommand.class);
        m.put("plan", PlanCommand.class);
        m.put("backfill", BackfillCommand.class);
        m.put("report", ReportCommand.class);
        m.put("trace", TraceCommand.class);
        m.put("guard", GuardCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return m;
    }

    /** Exit code for usage, configuration and I/O errors (picocli uses the same for bad arguments). */
    public static final int USAGE_OR_IO_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the CLI on the process's stdout/stderr and returns its exit code. Output goes to the file descriptor itself,
     * not through System.out, so that a failed write keeps its reason (a PrintStream keeps only that one happened).
     */
    public static int run(String... args) {
        return run(new FileOutputStream(FileDescriptor.out), System.err, args);
    }

    /**
     * Runs the CLI and returns its exit code (0 ok, 1 error findings, 2 usage/config/I-O error).
     * Output is UTF-8 whatever the platform's default charset, so SQL and file names survive intact.
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run((OutputStream) out, err, args);
    }

    private static int run(OutputStream out, PrintStream err, String... args) {
        WriteFailure sink = new WriteFailure(out);
        // 64 KB per write: the encoder's own 8 KB chunks made a 14 MB JSON report 1,700 write calls.
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(new BufferedOutputStream(sink, 1 << 16),
                StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cli = commandLine(args)
                .setOut(outWriter)
                .setErr(errWriter)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::reportFailure);
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler; an Error would otherwise end the run with a stack trace
            errWriter.println("tideline: out of memory (" + e.getMessage() + "); give the JVM more heap, e.g. "
                    + "TIDELINE_JAVA_OPTS='-Xmx2g' (it then replaces the launcher's JVM options)");
            code = USAGE_OR_IO_ERROR;
        }
        outWriter.flush();
        // Print writers swallow write errors: a full disk would otherwise pass for a clean run. A reader that stopped
        // reading (`| head`) is not an error of ours: the run's own exit code stands, as for any Unix filter.
        boolean failed = outWriter.checkError() || out instanceof PrintStream p && p.checkError();
        if (failed && !sink.brokenPipe()) {
            errWriter.println("tideline: could not write the output: " + sink.reason());
            code = USAGE_OR_IO_ERROR;
        }
        errWriter.flush();
        return code;
    }

    /** Passes bytes on and keeps the first write failure, which the print writer above it would swallow. */
    private static final class WriteFailure extends FilterOutputStream {
        private IOException first;

        WriteFailure(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                if (first == null) first = e;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                if (first == null) first = e;
                throw e;
            }
        }

        boolean brokenPipe() {
            return first != null && "Broken pipe".equals(first.getMessage());
        }

        String reason() {
            return first == null || first.getMessage() == null ? "standard output refused it" : first.getMessage();
        }
    }

    /** The command tree for these arguments: just the invoked subcommand, or all of them for help and errors. */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        boolean one = SUBCOMMANDS.containsKey(first) && !first.equals("help");
        SUBCOMMANDS.forEach((name, command) -> {
            if (!one || name.equals(first)) cli.addSubcommand(name, command);
        });
        // guard runs a command of the user's: its options (`psql -f x`, `flyway -url=...`) are not guard's
        CommandLine guard = cli.getSubcommands().get("guard");
        if (guard != null) guard.setStopAtPositional(true);
        return cli;
    }

    /** Users get one clear line, never a stack trace (unless they ask with TIDELINE_DEBUG=1). */
    private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof TidelineException) {
            err.println("tideline " + cli.getCommandName() + ": " + e.getMessage());
        } else {
            err.println("tideline " + cli.getCommandName() + ": internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + " (please report it; TIDELINE_DEBUG=1 shows the stack trace)");
        }
        if ("1".equals(System.getenv("TIDELINE_DEBUG"))) e.printStackTrace(err);
        err.flush();
        return USAGE_OR_IO_ERROR;
    }

    /** {@code tideline} alone names no command: a usage error, with the usage on stderr where errors go. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("tideline: name a command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE_OR_IO_ERROR;
    }

    /** A problem the user can fix (bad option value, unreadable config, unknown git ref…): message only. */
    public static final class UserError extends TidelineException {
        public UserError(String message) {
            super(message);
        }

        public UserError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
