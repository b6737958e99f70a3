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
        String prefix;
        String db;
        String query;
        Matcher m = URL.matcher(url);
        Matcher s = SHORT_URL.matcher(url);
        if (m.matches() && !m.group(1).contains("@")) {
            prefix = m.group(1) + "/";
            db = m.group(2) == null || m.group(2).isEmpty() ? "postgres" : m.group(2);
            query = m.group(3) == null ? "" : m.group(3);
        } else if (s.matches()) {
            prefix = "jdbc:postgresql://localhost:5432/";
            db = s.group(1) == null || s.group(1).isEmpty() ? "postgres" : s.group(1);
            query = s.group(2) == null ? "" : s.group(2);
        } else {
            throw DbErrors.badOption("--db-url \"" + DbErrors.redact(url) + "\" is not a PostgreSQL JDBC URL",
                    "use the form jdbc:postgresql://host:5432/database (user and password in --db-user and "
                            + "--db-password or the environment, not in the host part)");
        }
        // the URL's own user and password move out of the URL: they rank last, as documented (pgjdbc would let
        // them override --db-user and --db-password), and no URL specgen prints (errors, --keep) carries a password
        Optional<String> urlUser = Optional.empty();
        Optional<String> urlPassword = Optional.empty();
        StringBuilder kept = new StringBuilder();
        for (String param : query.isEmpty() ? new String[0] : query.substring(1).split("&")) {
            if (param.startsWith("password=")) {
                urlPassword = Optional.of(decode(param.substring("password=".length())));
            } else if (param.startsWith("user=")) {
                urlUser = Optional.of(decode(param.substring("user=".length())));
            } else if (!param.isEmpty() && !param.startsWith("ApplicationName=")) {
                // (specgen names its sessions after the run, so that a later run can tell whether it still runs)
                kept.append(kept.length() == 0 ? "?" : "&").append(param);
            }
        }
        Properties props = new Properties();
        firstNonBlank(opts.user().orElse(null), env.apply("SPECGEN_DB_USER"), env.apply("PGUSER"),
                urlUser.orElse(null)).ifPresent(u -> props.setProperty("user", u));
        firstNonBlank(opts.password().orElse(null), env.apply("SPECGEN_DB_PASSWORD"), env.apply("PGPASSWORD"),
                urlPassword.orElse(null)).ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", "10");
        return new ExternalServer(prefix, db, kept.toString(), props);
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
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
