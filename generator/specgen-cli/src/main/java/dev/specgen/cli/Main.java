package dev.specgen.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code specgen}: the command-line front door. Every subcommand is a thin adapter over {@code dev.specgen.Specgen}.
 */
@Command(name = "specgen",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Generates partitioned PostgreSQL DDL from YAML entity specs, and proves it on a live database.",
        subcommands = {BuildCommand.class, CheckCommand.class, VerifyCommand.class, ValidateCommand.class,
            PlanCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the specs have errors, or the output folder is refused (diagnostics printed)",
            "2:usage error (bad option or argument)",
            "3:generated output is stale (check, build --check)",
            "4:live PostgreSQL verification failed",
            "5:internal error (a specgen bug)"})
public final class Main {
    static final int OK = 0;
    static final int SPEC_ERRORS = 1;
    static final int USAGE = 2;
    static final int STALE = 3;
    static final int VERIFY_FAILED = 4;
    static final int INTERNAL = 5;

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of internal errors (for bug reports).")
    boolean stacktrace;

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        Signals.install();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /** Runs the CLI with the given writers; used by tests. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(t -> INTERNAL);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("specgen: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'specgen --help' for more information.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            e.println("specgen: internal error: " + ex + " (this is a specgen bug; run with --stacktrace and report it)");
            if (main.stacktrace) {
                ex.printStackTrace(e);
            }
            e.flush();
            return INTERNAL;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
