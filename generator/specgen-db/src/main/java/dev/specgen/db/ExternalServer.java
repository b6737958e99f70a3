package dev.specgen.db;

import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An existing server reached by {@code --db-url}; specgen never stops it. */
final class ExternalServer implements PgServer {
    /** {@code jdbc:postgresql://hosts[/database][?params]}. */
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?");
    /** {@code jdbc:postgresql:database[?params]} (localhost:5432). */
    private static final Pattern SHORT_URL = Pattern.compile("jdbc:postgresql:([^/?][^?]*)?(\\?.*)?");

    private final String prefix;
    private final String database;
    private final String params;
    private final Properties props;

    private ExternalServer(String prefix, String database, String params, Properties props) {
        this.prefix = prefix;
        this.database = database;
        this.params = params;
        this.props = props;
    }

    static ExternalServer of(DbOptions opts, Function<String, String> env) {
        String url = opts.url().orElseThrow(() -> DbErrors.badOption("--db-url is missing",
                "pass --db-url jdbc:postgresql://host:5432/database"));
        Properties props = new Properties();
        firstNonBlank(opts.user().orElse(null), env.apply("SPECGEN_DB_USER"), env.apply("PGUSER"))
                .ifPresent(u -> props.setProperty("user", u));
        firstNonBlank(opts.password().orElse(null), env.apply("SPECGEN_DB_PASSWORD"), env.apply("PGPASSWORD"))
                .ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "specgen");
        props.setProperty("connectTimeout", "10");
        Matcher m = URL.matcher(url);
        if (m.matches()) {
            String db = m.group(2) == null || m.group(2).isEmpty() ? "postgres" : m.group(2);
            return new ExternalServer(m.group(1) + "/", db, m.group(3) == null ? "" : m.group(3), props);
        }
        Matcher s = SHORT_URL.matcher(url);
        if (s.matches()) {
            String db = s.group(1) == null || s.group(1).isEmpty() ? "postgres" : s.group(1);
            return new ExternalServer("jdbc:postgresql://localhost:5432/", db, s.group(2) == null ? "" : s.group(2),
                    props);
        }
        throw DbErrors.badOption("--db-url \"" + url + "\" is not a PostgreSQL JDBC URL",
                "use the form jdbc:postgresql://host:5432/database");
    }

    private static Optional<String> firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String label() {
        String hosts = prefix.substring("jdbc:postgresql://".length(), prefix.length() - 1);
        return "PostgreSQL at " + (hosts.isEmpty() ? "localhost" : hosts);
    }

    @Override
    public String jdbcUrl(String db) {
        return prefix + db + params;
    }

    @Override
    public String homeDatabase() {
        return database;
    }

    @Override
    public Properties connectProperties() {
        Properties p = new Properties();
        p.putAll(props);
        return p;
    }

    @Override
    public boolean owned() {
        return false;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
