package dev.specgen.cli;

import dev.specgen.db.DbOptions;
import dev.specgen.health.Health;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code specgen health}: reads the generated health functions of a database and prints findings. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Reads each schema's generated specgen_health() in a database (changing nothing) and reports:"
                + " the runway of RANGE partitioned tables, rows in DEFAULT partitions, dead tuples, unused and"
                + " duplicate indexes, fillfactor without HOT updates. Exit 1 when a finding is critical."})
final class HealthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--db-url", required = true, paramLabel = "JDBC_URL", description = "The database to read.")
    String url;
    @Option(names = "--db-user", paramLabel = "USER", description = "User (or SPECGEN_DB_USER, PGUSER).")
    String user;
    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "Password (better: SPECGEN_DB_PASSWORD).")
    String password;
    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            spec.commandLine().getErr().println("specgen: --format takes text or json, not " + format);
            return Main.USAGE;
        }
        Health.Report r = Health.check(DbOptions.url(url).withCredentials(user, password));
        r.diagnostics().forEach(d -> spec.commandLine().getErr().println(d.format()));
        if (r.diagnostics().stream().anyMatch(d -> d.isError())) {
            return Main.VERIFY_FAILED;
        }
        spec.commandLine().getOut().print(format.equals("json") ? Health.json(r) : Health.text(r));
        return r.critical() ? Main.SPEC_ERRORS : Main.OK;
    }
}
