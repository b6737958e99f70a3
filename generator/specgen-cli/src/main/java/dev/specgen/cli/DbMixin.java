package dev.specgen.cli;

import dev.specgen.db.DbOptions;
import dev.specgen.report.Reports;
import dev.specgen.verify.VerifyOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** Which PostgreSQL to verify on, and how to report. Shared by {@code verify} and {@code build --verify}. */
final class DbMixin {
    @ArgGroup(exclusive = true)
    Target target = new Target();

    static final class Target {
        @Option(names = "--pg-version", paramLabel = "16|17|18", defaultValue = "17",
                description = "Embedded PostgreSQL major version (default: ${DEFAULT-VALUE}; 16 and 18 are fetched "
                        + "from Maven Central on first use).")
        int pgVersion = 17;

        @Option(names = "--db-url", paramLabel = "JDBC_URL",
                description = "Verify on an existing server (jdbc:postgresql://host:port/db). specgen works in a scratch "
                        + "database it creates and drops, or, if it may not create one, in the spec schemas only.")
        String url;

        @Option(names = "--testcontainers", description = "Verify in a PostgreSQL container (needs Docker).")
        boolean testcontainers;
    }

    @Option(names = "--db-user", paramLabel = "USER", description = "User for --db-url (or SPECGEN_DB_USER, PGUSER).")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", interactive = false,
            description = "Password for --db-url (better: SPECGEN_DB_PASSWORD or PGPASSWORD).")
    String password;

    @Option(names = "--in-place", description = "With --db-url: apply to the database itself, not a scratch copy "
            + "(see docs/verification.md for what it changes and leaves).")
    boolean inPlace;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "Give up waiting for a lock after this long (lock_timeout; e.g. 500ms, 10s, 2min; 0 waits "
                    + "forever; default: ${DEFAULT-VALUE}).")
    Duration lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "5min", converter = Durations.class,
            description = "Stop any one statement after this long (statement_timeout; 0: no limit; default: "
                    + "${DEFAULT-VALUE}).")
    Duration statementTimeout;

    @Option(names = "--setup", paramLabel = "FILE",
            description = "SQL to run in the scratch database before the install, for what the specs presume exists "
                    + "(your trigger functions, roles your policies name); repeatable, run in order. Not with --in-place.")
    java.util.List<Path> setup = new java.util.ArrayList<>();

    @Option(names = "--keep", description = "Leave the database running (embedded) or the scratch database in place, "
            + "and print its JDBC URL.")
    boolean keep;

    @Option(names = "--no-tests", description = "Apply and compare the catalog, but do not run the generated tests.")
    boolean noTests;

    @Option(names = "--format", paramLabel = "text|tap|junit|json", defaultValue = "text",
            description = "How to print the verification report on standard output (default: ${DEFAULT-VALUE}).")
    Reports.Format format = Reports.Format.text;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the report to FILE: JUnit XML for *.xml, JSON for *.json, TAP for *.tap, else text.")
    Path report;

    /** @throws ParameterException for options that only make sense together (exit code 2) */
    VerifyOptions toVerifyOptions(CommandLine cl) {
        if (inPlace && !setup.isEmpty()) {
            throw new ParameterException(cl, "--setup runs scripts in a scratch database; with --in-place the "
                    + "database already holds what they would create");
        }
        if (inPlace && target.url == null) {
            throw new ParameterException(cl, "--in-place needs --db-url: it applies to that database itself "
                    + "(the embedded and container databases are always scratch ones)");
        }
        DbOptions db;
        if (target.url != null) {
            db = DbOptions.url(target.url);
        } else if (target.testcontainers) {
            db = DbOptions.testcontainers(target.pgVersion);
        } else {
            db = DbOptions.embedded(target.pgVersion);
        }
        if (user != null || password != null) {
            db = db.withCredentials(user, password);
        }
        return new VerifyOptions(db.withKeep(keep).withInPlace(inPlace).withTimeouts(lockTimeout, statementTimeout),
                !noTests).withSetup(setup);
    }

    /** {@code 250ms}, {@code 10s}, {@code 5min}, {@code 1h}, {@code 0}: PostgreSQL's own units for timeouts. */
    static final class Durations implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|min|h)?");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 10s, 5min, 1h, 0)");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? (n == 0 ? "s" : "") : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> throw new TypeConversionException("'" + value + "' needs a unit: ms, s, min or h");
            };
        }
    }
}
