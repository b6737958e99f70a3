package dev.specgen.cli;

import dev.specgen.db.DbOptions;
import dev.specgen.loader.InputFormat;
import dev.specgen.loader.LoadOptions;
import dev.specgen.loader.LoadResult;
import dev.specgen.loader.Loads;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Loads a CSV or TSV file (header row naming the columns) through a bulk action's generated "
                + "function: COPY into per-session staging, one set-based call per batch, bad rows to a reject file, "
                + "lost connections retried, re-runs resumed. Needs the generated SQL applied to the database."})
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    SpecOptions specOptions;
    @Parameters(index = "1", paramLabel = "FILE", description = "The CSV (or TSV: .tsv/.tab/.txt) file to load.")
    Path file;
    @Option(names = "--action", paramLabel = "NAME", defaultValue = "", description = "The bulk action to load with "
            + "(default: the one with copy_mode: true).")
    String action;
    @Option(names = "--db-url", required = true, paramLabel = "JDBC_URL", description = "The target database.")
    String url;
    @Option(names = "--db-user", paramLabel = "USER", description = "User (or SPECGEN_DB_USER, PGUSER).")
    String user;
    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "Password (better: SPECGEN_DB_PASSWORD).")
    String password;
    @Option(names = "--format", paramLabel = "csv|tsv", description = "Input format (default: from the file name).")
    String format;
    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per batch (default: the batch_size hint, "
            + "else 10000).")
    Integer batchSize;
    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "Sessions loading at once.")
    int jobs;
    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "1000", description = "Stop after more rejected "
            + "rows than this (default: ${DEFAULT-VALUE}).")
    long maxErrors;
    @Option(names = "--reject-file", paramLabel = "FILE", description = "Rejected rows (default: FILE.rejects.csv).")
    Path rejectFile;
    @Option(names = "--initial", negatable = true, description = "Fill empty partitions detached, index, then attach "
            + "(default: the disable_indexes hint).")
    Boolean initial;
    @Option(names = "--after-attach", paramLabel = "SQL", description = "With --initial: SQL run after each partition "
            + "is attached (1st ?: its name, 2nd ?: its rows), e.g. to refresh what the parent's triggers maintain.")
    String afterAttach;
    @Option(names = "--forget", description = "Forget what an earlier load of this file recorded; load it all again.")
    boolean forget;
    @Option(names = "--state-schema", paramLabel = "NAME", defaultValue = "specgen_load",
            description = "Schema of the load state (default: ${DEFAULT-VALUE}).")
    String stateSchema;

    @Override
    public Integer call() {
        LoadOptions o = LoadOptions.of(specOptions.toOptions(), action, file).withJobs(Math.max(1, jobs))
                .withMaxErrors(maxErrors).withForget(forget).withStateSchema(stateSchema);
        o = batchSize == null ? o : o.withBatchSize(batchSize);
        o = rejectFile == null ? o : o.withRejectFile(rejectFile);
        o = initial == null ? o : o.withInitial(initial);
        o = afterAttach == null ? o : o.withAfterAttach(afterAttach);
        o = format == null ? o : o.withFormat(InputFormat.parse(format).orElse(InputFormat.CSV));
        Loads.Outcome r = Loads.run(o, DbOptions.url(url).withCredentials(user, password),
                TerminalLoadProgress.forTerminal(spec.commandLine().getErr()));
        r.diagnostics().forEach(d -> spec.commandLine().getErr().println(d.format()));
        r.result().map(LoadResult::summary).ifPresent(spec.commandLine().getOut()::println);
        return r.ok() ? Main.OK : Main.SPEC_ERRORS;
    }
}
