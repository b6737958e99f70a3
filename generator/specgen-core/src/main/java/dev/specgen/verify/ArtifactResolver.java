package dev.specgen.verify;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Finds a Maven artifact's file, for what the live-database layer fetches on demand (PostgreSQL server binaries
 * other than the ones on the classpath). Inside a Maven build the plugin answers through Maven's own resolver, so
 * mirrors, proxies, credentials and offline mode apply; elsewhere (the CLI) the layer uses the local repository and
 * Maven Central itself.
 */
@FunctionalInterface
public interface ArtifactResolver {

    /** The local file of {@code groupId:artifactId:jar:version}, downloaded first if needed. */
    Path resolve(String groupId, String artifactId, String version) throws IOException;
}
