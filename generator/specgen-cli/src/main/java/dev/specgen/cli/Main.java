package dev.specgen.cli;

import dev.specgen.Preload;
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

    /**
     * The subcommands, in the order help lists them. They are added in {@link #run}, not in the annotation: picocli
     * reads every added command's annotations up front, which for all of them is about a quarter of a second of a
     * fresh JVM, so a run that names its command gets only that one (see {@link #commandsFor}).
     */
    public static final java.util.Map<String, Class<?>> COMMANDS = commands();

    private static java.util.Map<String, Class<?>> commands() {
        java.util.Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        m.put("build", BuildCommand.class);
        m.put("check", CheckCommand.class);
        m.put("verify", VerifyCommand.class);
        m.put("validate", ValidateCommand.class);
        m.put("plan", PlanCommand.class);
        m.put("load", LoadCommand.class);
        m.put("health", HealthCommand.class);
        m.put("bench", BenchCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The subcommands a run needs: the one its first word names (words before it are options of specgen itself,
     * which take no values), or all of them (no command, an unknown one, {@code help}: those list or suggest them).
     */
    public static java.util.Collection<Class<?>> commandsFor(String... args) {
        Class<?> c = command(args).filter(a -> !a.equals("help")).map(COMMANDS::get).orElse(null);
        return c == null ? COMMANDS.values() : java.util.List.of(c);
    }

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of internal errors (for bug reports).")
    boolean stacktrace;

    /** The commands that render specs: {@link #main} starts {@link Preload} for them before picocli reads the line. */
    static final java.util.Set<String> RENDERING = java.util.Set.of("build", "check", "plan", "verify");

    /**
     * The command a run names: its first word that is not an option (the options before it are specgen's own, which
     * take no values), or empty.
     */
    static java.util.Optional<String> command(String... args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return java.util.Optional.of(a);
            }
        }
        return java.util.Optional.empty();
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        // a command that renders: FreeMarker and JSqlParser load on the other core while picocli reads the command
        // line (about a tenth of a second of a fresh JVM's main thread) rather than only once the run has begun.
        // Preload only loads and parses fixed text; a bad command line still ends the run as before.
        if (command(args).filter(RENDERING::contains).isPresent()) {
            Preload.start();
        }
        Signals.install();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /** Runs the CLI with the given writers; used by tests. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        // the plain `build SPECS [--out DIR]` without picocli's set-up (PlainBuild); any other words go to picocli
        java.util.Optional<PlainBuild> plain = PlainBuild.of(args);
        if (plain.isPresent()) {
            int code = plain.get().run(out, err);
            out.flush();
            err.flush();
            return code;
        }
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        for (Class<?> c : commandsFor(args)) {
            cl.addSubcommand(c);
        }
        cl.setOut(out);
        cl.setErr(err);
        Handlers handlers = new Handlers(main);
        cl.setExitCodeExceptionMapper(handlers);
        cl.setParameterExceptionHandler(handlers);
        cl.setExecutionExceptionHandler(handlers);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * How errors end a run. A class, not lambdas: a lambda that implements a picocli interface makes the JVM's
     * class-data-sharing dump link picocli's Java 5 classes, and such a class is left out of the archive
     * ({@code ./specgen}'s archive would then miss {@code picocli.CommandLine}, loaded and verified on every run).
     */
    private static final class Handlers implements CommandLine.IExitCodeExceptionMapper,
            CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
        private final Main main;

        Handlers(Main main) {
            this.main = main;
        }

        @Override
        public int getExitCode(Throwable t) {
            return INTERNAL;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            ex.getCommandLine().getErr().println("specgen: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'specgen --help' for more information.");
            return USAGE;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            return internalError(ex, main.stacktrace, commandLine.getErr());
        }
    }

    /** Reports an exception a command did not expect (a specgen bug) and returns {@link #INTERNAL}. */
    static int internalError(Exception ex, boolean stacktrace, PrintWriter e) {
        e.println("specgen: internal error: " + ex + " (this is a specgen bug; run with --stacktrace and report it)");
        if (stacktrace) {
            ex.printStackTrace(e);
        }
        e.flush();
        return INTERNAL;
    }
}
