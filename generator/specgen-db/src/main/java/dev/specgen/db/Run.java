package dev.specgen.db;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One specgen run against a server, and how it marks what it creates there so that a later run can tell its
 * leftovers from live work and from the user's objects.
 *
 * <p>Every session of the run carries {@code application_name = specgen_<id>} (pg_stat_activity shows it to every
 * user), and the run keeps one session open from start to end. So "is run X still working?" is a question the
 * server answers, on any host, without clocks: some session named {@code specgen_X} exists. A run killed with
 * {@code kill -9} loses its sessions at once (the kernel closes its sockets), and its scratch objects become
 * removable.
 *
 * <p>Names carry the id ({@code specgen_scratch_<id>} databases, the {@code specgen_run_<id>} schema), and a
 * COMMENT carries a marker ({@link #databaseMarker()}, {@link #schemaMarker}) that says specgen made it; a later run
 * removes only objects with both.
 *
 * @param id   10 random hex digits
 * @param host the machine the run works on (for messages only)
 * @param pid  its process id (for messages only)
 */
public record Run(String id, String host, long pid) {
    static final String ID = "[0-9a-f]{10}";
    /** {@code specgen_scratch_<id>}, or {@code specgen_scratch_<id>_<n>} for further ones (tests). */
    static final Pattern SCRATCH_DATABASE = Pattern.compile("specgen_scratch_(" + ID + ")(?:_[0-9]+)?");
    static final Pattern RUN_SCHEMA = Pattern.compile("specgen_run_(" + ID + ")");
    private static final Pattern CLAIMS = Pattern.compile("; claims schemas ([0-9 ]+)$");
    private static final SecureRandom RANDOM = new SecureRandom();

    public Run {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(host, "host == null");
        if (!id.matches(ID)) {
            throw new IllegalArgumentException("not a run id: " + id);
        }
    }

    /** A new run of this process. */
    public static Run create() {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | SecurityException e) {
            host = "unknown host";
        }
        return new Run(HexFormat.of().formatHex(b), host, ProcessHandle.current().pid());
    }

    /** The {@code application_name} of every session of this run. */
    public String applicationName() {
        return "specgen_" + id;
    }

    /** {@code specgen_scratch_<id>}, the database this run works in when it may create one. */
    public String scratchDatabase() {
        return "specgen_scratch_" + id;
    }

    /** {@code specgen_run_<id>}: the run's own schema (TAP functions, expected-definition tables). */
    public String schema() {
        return "specgen_run_" + id;
    }

    /** E.g. {@code run 3f9a0c12de (host ci-7, pid 4242)}. */
    public String describe() {
        return "run " + id + " (host " + host + ", pid " + pid + ")";
    }

    /** COMMENT ON DATABASE of a scratch database: whose it is, and that a later run may remove it. */
    String databaseMarker() {
        return "specgen scratch database of " + describe() + "; dropped when the run ends, or by a later run once no "
                + "session named " + applicationName() + " remains";
    }

    /** The COMMENT of a scratch database left in place on purpose ({@code --keep}): later runs leave it alone. */
    String keptMarker() {
        return "specgen scratch database kept by " + describe() + " (--keep); drop it when done";
    }

    /**
     * COMMENT ON SCHEMA of the run schema: whose it is and, in schemas-only mode, the OIDs of the spec schemas the
     * run created (and drops at its end, or a later run once this one is gone).
     */
    String schemaMarker(java.util.Collection<Long> claimedOids) {
        StringBuilder sb = new StringBuilder("specgen " + describe() + ": its TAP functions; dropped when the run "
                + "ends, or by a later run once no session named " + applicationName() + " remains");
        if (!claimedOids.isEmpty()) {
            sb.append("; claims schemas");
            claimedOids.forEach(o -> sb.append(' ').append(o));
        }
        return sb.toString();
    }

    /**
     * The run id of a scratch database specgen made, else empty: the name and the marker, or the name and no
     * comment at all (CREATE DATABASE cannot share a transaction with its COMMENT, so a run killed between the two
     * leaves a database without one; so did specgen before markers existed).
     */
    static Optional<String> ofScratchDatabase(String name, String comment) {
        Matcher m = SCRATCH_DATABASE.matcher(name);
        if (!m.matches() || comment != null && !comment.startsWith("specgen scratch database of run " + m.group(1))) {
            return Optional.empty();
        }
        return Optional.of(m.group(1));
    }

    /** The run id of a run schema specgen made (name and marker), else empty. */
    static Optional<String> ofRunSchema(String name, String comment) {
        Matcher m = RUN_SCHEMA.matcher(name);
        if (!m.matches() || comment == null || !comment.startsWith("specgen run " + m.group(1) + " ")) {
            return Optional.empty();
        }
        return Optional.of(m.group(1));
    }

    /** The schema OIDs a run schema's marker claims. */
    static java.util.List<Long> claims(String comment) {
        Matcher m = CLAIMS.matcher(comment == null ? "" : comment);
        if (!m.find()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(m.group(1).trim().split(" +")).map(Long::valueOf).toList();
    }

    /** The part of a marker that says who made it: {@code run <id> (host h, pid p)}. */
    static String owner(String comment) {
        int at = comment.indexOf("run ");
        int end = comment.indexOf(')', at);
        return at < 0 || end < 0 ? "another specgen run" : comment.substring(at, end + 1);
    }
}
