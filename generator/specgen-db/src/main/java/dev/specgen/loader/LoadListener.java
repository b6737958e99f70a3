package dev.specgen.loader;

/** Progress of a load, reported about twice a second while it runs (the CLI shows it on a terminal only). */
@FunctionalInterface
public interface LoadListener {
    LoadListener NONE = (rows, rejected, bytesRead, totalBytes, seconds) -> { };

    void progress(long rows, long rejected, long bytesRead, long totalBytes, double seconds);
}
