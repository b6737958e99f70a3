package dev.specgen.render;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The names of the templates that ship with specgen ({@code create_table}, {@code tests/has_table}, ...), as
 * {@link Renderer} looks them up, read from the jar (or the classes folder) they are packaged in: for parsing them
 * ahead of a run ({@link Renderer#warmUp}). Sorted; empty when they cannot be listed (nothing depends on it).
 */
final class BuiltInTemplates {
    private static final String FOLDER = "dev/specgen/templates/" + Renderer.DIALECT + "/";
    private static final String SUFFIX = ".ftl";
    /** The list of the built-in templates' names, in their folder. */
    static final String INDEX = "index.txt";

    private BuiltInTemplates() {
    }

    static List<String> names() {
        List<String> indexed = indexed();
        return indexed.isEmpty() ? listed() : indexed;
    }

    /**
     * The names in {@value #INDEX} beside the templates (lines starting with {@code #} are comments), or empty when it
     * is missing or unreadable. One small resource, where listing the folder in the CLI's jar means reading every one
     * of its ~21,600 entries, on the Preload thread of every cold run.
     */
    static List<String> indexed() {
        try (java.io.InputStream in = Renderer.class.getResourceAsStream("/" + FOLDER + INDEX)) {
            if (in == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String n = line.strip();
                if (!n.isEmpty() && !n.startsWith("#")) {
                    out.add(n);
                }
            }
            Collections.sort(out);
            return List.copyOf(out);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The names found by listing the folder the templates are packaged in (a jar, or the classes folder). */
    static List<String> listed() {
        URL url = Renderer.class.getResource("/" + FOLDER);
        if (url == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try {
            if (url.getProtocol().equals("jar")) {
                JarURLConnection jar = (JarURLConnection) url.openConnection();
                jar.setUseCaches(false);
                try (JarFile file = jar.getJarFile()) {
                    for (JarEntry e : Collections.list(file.entries())) {
                        String n = e.getName();
                        if (n.startsWith(FOLDER) && n.endsWith(SUFFIX)) {
                            out.add(n.substring(FOLDER.length(), n.length() - SUFFIX.length()));
                        }
                    }
                }
            } else if (url.getProtocol().equals("file")) {
                Path root = Path.of(url.toURI());
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).forEach(p -> {
                        String n = root.relativize(p).toString().replace('\\', '/');
                        out.add(n.substring(0, n.length() - SUFFIX.length()));
                    });
                }
            }
        } catch (IOException | URISyntaxException | ClassCastException e) {
            return List.of();
        }
        Collections.sort(out);
        return List.copyOf(out);
    }
}
