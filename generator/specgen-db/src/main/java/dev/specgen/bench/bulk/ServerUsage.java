package dev.specgen.bench.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * What the server spent, read where the kernel keeps it: CPU from {@code /proc/<pid>/stat} of the postmaster and all
 * its children (utime + stime), plus the postmaster's cutime + cstime, into which the kernel folds the CPU of
 * children that exited (a loader's backends end before the measurement does); WAL from pg_current_wal_insert_lsn().
 * The server must run on this machine (the embedded one does). Without /proc, CPU reads as zero.
 */
public final class ServerUsage {
    /** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on Linux). */
    static final double HZ = 100.0;

    private final int postmaster;

    private ServerUsage(int postmaster) {
        this.postmaster = postmaster;
    }

    /** Finds the postmaster as the parent of {@code c}'s backend. */
    public static ServerUsage of(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            int backend = rs.getInt(1);
            long[] f = stat(backend);
            return new ServerUsage(f == null ? -1 : (int) f[1]);
        }
    }

    /** A reading: server CPU seconds so far and the WAL insert position. */
    public record Reading(double cpuSeconds, long walBytes) {
        public Reading minus(Reading earlier) {
            return new Reading(cpuSeconds - earlier.cpuSeconds, walBytes - earlier.walBytes);
        }
    }

    public Reading read(Connection c) throws SQLException {
        long wal;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            wal = rs.getLong(1);
        }
        return new Reading(cpu(), wal);
    }

    double cpu() {
        if (postmaster < 0) {
            return 0;
        }
        long ticks = 0;
        long[] pm = stat(postmaster);
        if (pm != null) {
            ticks += pm[2] + pm[3] + pm[4] + pm[5];
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] f = stat(Integer.parseInt(name));
                if (f != null && f[1] == postmaster) {
                    ticks += f[2] + f[3];
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks / HZ;
    }

    /** [pid, ppid, utime, stime, cutime, cstime] of a process, or null. */
    static long[] stat(int pid) {
        try {
            String s = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state ppid ... utime(12th) stime cutime cstime, 0-based from state
            return new long[] {pid, Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
