package dev.specgen.maven;

import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * The live-database layer, brought in when the verify goal runs, through Maven's own resolver (the build's mirrors,
 * proxies, credentials and offline mode apply): {@code specgen-db} of the plugin's version and its runtime
 * dependencies are added to the plugin's class realm, where {@code Specgen.verify} finds it with ServiceLoader.
 * The plugin itself depends on the core only, so {@code generate} and {@code check} never download a driver, an
 * embedded server or PostgreSQL binaries. The binaries are left out here and resolved for the one version asked
 * for ({@link #resolve}); Testcontainers (optional in specgen-db) only when asked for.
 */
final class LiveLayer {
    static final String DB_ARTIFACT = "specgen-db";
    static final String SERVICE = "META-INF/services/dev.specgen.verify.LiveVerifier";
    private static final String TESTCONTAINERS = "org.testcontainers.postgresql.PostgreSQLContainer";
    /** One resolution at a time per realm (threadSafe goals in a parallel build share the plugin realm). */
    private static final Object LOCK = new Object();

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final PluginDescriptor plugin;
    private final Log log;

    LiveLayer(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories,
            PluginDescriptor plugin, Log log) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
        this.plugin = plugin;
        this.log = log;
    }

    /** Puts specgen-db (and Testcontainers, if asked) on the plugin's class path, unless it is there already. */
    void load(boolean testcontainers) throws MojoExecutionException {
        ClassRealm realm = plugin.getClassRealm();
        synchronized (LOCK) {
            boolean hasDb = realm.getResource(SERVICE) != null;
            boolean hasContainers = present(realm, TESTCONTAINERS);
            if (hasDb && (!testcontainers || hasContainers)) {
                return;
            }
            Artifact db = new DefaultArtifact(plugin.getGroupId(), DB_ARTIFACT, "jar", plugin.getVersion());
            CollectRequest collect = new CollectRequest();
            collect.setRepositories(repositories);
            // the 15 MB binaries jar of one PostgreSQL version: resolved on demand for the version asked for
            collect.addDependency(new Dependency(db, "runtime", false,
                    List.of(new Exclusion("io.zonky.test.postgres", "*", "*", "*"))));
            if (testcontainers && !hasContainers) {
                collect.addDependency(optionalDependencyOf(db, "org.testcontainers"));
            }
            Set<String> inRealm = plugin.getArtifacts().stream()
                    .map(a -> a.getGroupId() + ":" + a.getArtifactId()).collect(Collectors.toSet());
            inRealm.add("org.slf4j:slf4j-api"); // Maven's own, exported to every plugin
            DependencyRequest request = new DependencyRequest(collect, (node, parents) -> node.getArtifact() == null
                    || !inRealm.contains(node.getArtifact().getGroupId() + ":" + node.getArtifact().getArtifactId()));
            List<ArtifactResult> results;
            try {
                results = system.resolveDependencies(session, request).getArtifactResults();
            } catch (DependencyResolutionException e) {
                throw new MojoExecutionException("specgen: cannot resolve the live-database layer "
                        + db + ": " + e.getMessage(), e);
            }
            List<String> added = new ArrayList<>();
            for (ArtifactResult r : results) {
                try {
                    realm.addURL(r.getArtifact().getFile().toURI().toURL());
                    added.add(r.getArtifact().getArtifactId());
                } catch (MalformedURLException e) {
                    throw new MojoExecutionException("specgen: bad path " + r.getArtifact().getFile(), e);
                }
            }
            log.debug("specgen: live-database layer loaded: " + added);
        }
    }

    /** An artifact's file through Maven (for {@code dev.specgen.verify.ArtifactResolver}: server binaries). */
    Path resolve(String groupId, String artifactId, String version) throws IOException {
        Artifact a = new DefaultArtifact(groupId, artifactId, "jar", version);
        try {
            return system.resolveArtifact(session, new ArtifactRequest(a, repositories, null)).getArtifact()
                    .getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** specgen-db's optional dependency of {@code groupId} (its version is specgen-db's), made a real one. */
    private Dependency optionalDependencyOf(Artifact db, String groupId) throws MojoExecutionException {
        try {
            return system.readArtifactDescriptor(session, new ArtifactDescriptorRequest(db, repositories, null))
                    .getDependencies().stream().filter(d -> d.getArtifact().getGroupId().equals(groupId))
                    .findFirst().map(d -> d.setOptional(false).setScope("runtime"))
                    .orElseThrow(() -> new MojoExecutionException("specgen: " + db + " names no " + groupId
                            + " dependency"));
        } catch (ArtifactDescriptorException e) {
            throw new MojoExecutionException("specgen: cannot read " + db + ": " + e.getMessage(), e);
        }
    }

    private static boolean present(ClassLoader loader, String className) {
        return loader.getResource(className.replace('.', '/') + ".class") != null;
    }
}
