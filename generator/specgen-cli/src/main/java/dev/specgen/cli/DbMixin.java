package dev.specgen.cli;

import dev.specgen.db.DbOptions;
import dev.specgen.report.Reports;
import dev.specgen.verify.VerifyOptions;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

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

    @Option(names = "--in-place", description = "With --db-url: apply to the database itself, not a scratch copy.")
    boolean inPlace;

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

    VerifyOptions toVerifyOptions() {
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
        return new VerifyOptions(db.withKeep(keep).withInPlace(inPlace), !noTests);
    }
}
