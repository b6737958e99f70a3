package dev.specgen.loader;

import dev.specgen.Result;
import dev.specgen.Sha256;
import dev.specgen.Specgen;
import dev.specgen.loader.BatchWriter.Batch;
import dev.specgen.loader.BatchWriter.Outcome;
import dev.specgen.loader.LoadState.Reject;
import dev.specgen.loader.RecordReader.Record;
import dev.specgen.model.Action;
import dev.specgen.model.Entity;
import dev.specgen.model.SpecModel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code specgen load}: streams a CSV or TSV file into the table of a bulk action, with the statements of the action's
 * generated function, in batches of one transaction each, with {@code jobs} sessions at once. One reader cuts the file
 * into batches (a batch is always the same records, so a re-run skips the batches a previous run committed); each
 * session COPYs a batch into its staging table and runs the statements on it ({@link BatchWriter}). A lost connection
 * (failover, restart, a terminated backend) is retried with a doubling pause on a new connection; whether the batch
 * had committed is read from the load state, so no row is lost or written twice.
 */
public final class Loader {
    private static final Batch END = new Batch(-1, List.of());

    private final LoadOptions opts;
    private final ConnectionSource source;
    private final LoadListener listener;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong direct = new AtomicLong();
    private final AtomicReference<String> stopped = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean digestAbandoned;

    private Loader(LoadOptions opts, ConnectionSource source, LoadListener listener) {
        this.opts = opts;
        this.source = source;
        this.listener = listener;
    }

    /**
     * Runs a load. Throws {@link LoadException} when it cannot start (spec errors, an unknown action, a header that
     * does not fit, the function missing from the database) or when a batch fails for another reason than bad rows
     * and lost connections.
     */
    public static LoadResult run(LoadOptions opts, ConnectionSource source, LoadListener listener) {
        return new Loader(opts, source, listener).load();
    }

    /** The specs' model, or a LoadException listing their errors. */
    static SpecModel model(LoadOptions opts) {
        Result r = Specgen.validate(opts.specs());
        if (r.hasErrors() || r.model().isEmpty()) {
            throw new LoadException("the specs have errors: " + r.firstErrors(3), "run specgen validate");
        }
        return r.model().get();
    }

    private LoadResult load() {
        long t0 = System.nanoTime();
        // The file's digest (a full read of it) is taken beside the specs' validation and the first connection
        // instead of before them: it names the load, so it is only waited for when the load state is opened.
        CompletableFuture<String> digest = Files.isRegularFile(opts.file()) ? CompletableFuture.supplyAsync(
                () -> sha256(opts.file(), () -> digestAbandoned), daemon("specgen-load-sha256"))
                : CompletableFuture.completedFuture("");
        try {
            return load(t0, digest);
        } finally {
            digestAbandoned = true; // done by now, or the load could not start: the digest thread stops reading
        }
    }

    private LoadResult load(long t0, CompletableFuture<String> digest) {
        // The first connection is opened beside the specs' validation too (the server idles through both); a load
        // that cannot start closes it unused.
        CompletableFuture<Connection> first = CompletableFuture.supplyAsync(() -> {
            try {
                return source.open();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, daemon("specgen-load-connect"));
        try {
            return load(t0, digest, first);
        } finally {
            first.thenAccept(Loader::closeQuietly); // closed already when used (try-with-resources): a no-op then
        }
    }

    private LoadResult load(long t0, CompletableFuture<String> digest, CompletableFuture<Connection> first) {
        SpecModel model = model(opts);
        Action.Bulk action = LoadTarget.action(model, opts.action());
        Entity entity = LoadTarget.entityOf(model, action);
        Path file = opts.file();
        if (!Files.isRegularFile(file)) {
            throw new LoadException("no file " + file, null);
        }
        InputFormat format = opts.format().orElse(InputFormat.of(file));
        LoadTarget target;
        long total;
        try (RecordReader r = new RecordReader(Files.newInputStream(file), format)) {
            List<String> header = r.header().orElseThrow(() -> new LoadException(file + " is empty", null));
            target = LoadTarget.of(entity, action, header);
            total = Files.size(file);
        } catch (IOException e) {
            throw new LoadException("cannot read " + file + ": " + e.getMessage(), null);
        }
        LoadState state = new LoadState(opts.stateSchema());
        String loadId;
        int batchSize;
        Set<Integer> done;
        long[] before;
        ReplacedParents parents;
        boolean initial = opts.initial().orElse(target.initialHint());
        Optional<LeafRouter> router;
        try (Connection c = opened(first)) {
            checkFunction(c, target);
            state.create(c);
            String sha = join(digest);
            loadId = sha256(sha + "\u0000" + target.function() + "\u0000" + target.columns.stream()
                    .map(f -> f.name()).toList());
            batchSize = state.begin(c, loadId, target.table(), file.getFileName().toString(), sha,
                    opts.batchSize().orElse(target.batchSizeHint().orElse(LoadOptions.DEFAULT_BATCH_SIZE)),
                    opts.forget());
            done = state.committed(c, loadId);
            parents = ReplacedParents.prepare(c, target, state, loadId, opts.forget());
            before = state.totals(c, loadId);
            // a plain insert's batches are routed to the leaves by the reader, beside their encoding; the sessions
            // take the same router instead of reading the catalog each (with --initial, they read it themselves)
            router = initial ? Optional.empty() : LeafRouter.of(c, target, format);
        } catch (SQLException e) {
            throw new LoadException("cannot start the load: " + oneLine(e), "check the connection and that the role"
                    + " may create schema " + opts.stateSchema() + " (or pass --state-schema)");
        }
        rows.set(before[1]);
        written.set(before[2]);
        rejected.set(before[3]);
        batches.set(before[0]);
        InitialLoad init = initial ? InitialLoad.prepare(source, target, state, loadId,
                opts.afterAttach().map(InitialLoad::hook).orElse(InitialLoad.AfterAttach.NONE)) : InitialLoad.none();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "specgen-load-progress");
            t.setDaemon(true);
            return t;
        });
        RecordReaderProgress readProgress = new RecordReaderProgress();
        ticker.scheduleAtFixedRate(() -> listener.progress(rows.get(), rejected.get(), readProgress.bytes, total,
                (System.nanoTime() - t0) / 1e9), 500, 500, TimeUnit.MILLISECONDS);
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(opts.jobs() * 2);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < opts.jobs(); i++) {
            Optional<LeafRouter> known = initial ? null : router;
            Thread w = new Thread(() -> work(queue, target, format, state, loadId, init, parents, known),
                    "specgen-load-" + (i + 1));
            workers.add(w);
            w.start();
        }
        try {
            BinaryCopy.Tries binary = new BinaryCopy.Tries(BinaryCopy.of(target.columns, format));
            boolean lines = init.direct(target).isEmpty();
            read(file, format, batchSize, done, queue, readProgress, binary, lines,
                    lines ? Optional.empty() : router);
        } finally {
            for (int i = 0; i < workers.size(); i++) {
                putQuietly(queue, END);
            }
            for (Thread w : workers) {
                joinQuietly(w);
            }
            ticker.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        if (stopped.get() == null) {
            init.finish(source, opts.jobs(), target, new InitialLoad.Input(file, format, batchSize));
        }
        long[] reloaded = init.adjustments(source);
        written.addAndGet(reloaded[0]);
        rejected.addAndGet(reloaded[1]);
        List<Reject> rejects;
        try (Connection c = source.open()) {
            rejects = state.rejects(c, loadId);
            if (stopped.get() == null) {
                state.finish(c, loadId);
                if (parents != null) {
                    parents.drop(c);
                }
            }
        } catch (SQLException e) {
            throw new LoadException("cannot read the load state: " + oneLine(e), null);
        }
        Optional<Path> rejectFile = Optional.empty();
        if (!rejects.isEmpty()) {
            writeRejects(opts.rejects(), rejects);
            rejectFile = Optional.of(opts.rejects());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        listener.progress(rows.get(), rejected.get(), total, total, elapsed.toNanos() / 1e9);
        return new LoadResult(rows.get(), written.get(), rejected.get(), batches.get(), done.size(), retries.get(),
                elapsed, rejectFile, Optional.ofNullable(stopped.get()), target.table(), direct.get());
    }

    /** Bytes read so far, for progress. */
    private static final class RecordReaderProgress {
        volatile long bytes;
    }

    /**
     * Cuts the file into batches and queues them, each encoded in binary COPY format here when the encoder reads its
     * values exactly: with each record's line for the staging table ({@code lines}) or without (a plain insert's COPY
     * straight into the table), so that a worker's session is never idle while its batch is encoded. With a
     * {@code router} (a plain insert into leaf partitions, see {@link LeafRouter}), each batch is also cut here into
     * its leaves' COPY data, by the keys the encoding read: a session then only sends, where routing it there was
     * about as much of its thread's CPU, while the server waited, as the rest of the batch's client work.
     */
    private void read(Path file, InputFormat format, int batchSize, Set<Integer> done, BlockingQueue<Batch> queue,
            RecordReaderProgress progress, BinaryCopy.Tries binary, boolean lines, Optional<LeafRouter> router) {
        try (InputStream in = Files.newInputStream(file); RecordReader r = new RecordReader(in, format)) {
            r.header();
            int index = 0;
            List<Record> cur = new ArrayList<>(batchSize);
            Optional<Record> rec;
            while ((rec = r.next()).isPresent()) {
                cur.add(rec.get());
                if (cur.size() == batchSize) {
                    if (!offer(queue, index++, cur, done, binary, lines, router)) {
                        return;
                    }
                    cur = new ArrayList<>(batchSize);
                    progress.bytes = r.bytesRead();
                }
            }
            if (!cur.isEmpty()) {
                offer(queue, index, cur, done, binary, lines, router);
            }
            progress.bytes = r.bytesRead();
        } catch (IOException e) {
            failure.compareAndSet(null, new LoadException("cannot read " + file + ": " + e.getMessage(), null));
        }
    }

    /** Queues a batch unless an earlier run committed it; false once the load has to stop. */
    private boolean offer(BlockingQueue<Batch> queue, int index, List<Record> records, Set<Integer> done,
            BinaryCopy.Tries binary, boolean lines, Optional<LeafRouter> router) {
        if (stopped.get() != null || failure.get() != null) {
            return false;
        }
        if (!done.contains(index)) {
            Optional<BatchWriter.Encoded> encoded = binary.on() ? Optional.of(encode(records, binary, lines, router))
                    : Optional.empty();
            putQuietly(queue, new Batch(index, records, encoded));
        }
        return true;
    }

    /** A batch's records in binary, and routed to the leaves with {@code router} (see {@link LeafRouter#slices}). */
    static BatchWriter.Encoded encode(List<Record> records, BinaryCopy.Tries binary, boolean lines,
            Optional<LeafRouter> router) {
        Optional<BinaryCopy.Tuples> tuples = binary.tuples(records, lines, router.map(LeafRouter::keyColumn)
                .orElse(-1));
        return new BatchWriter.Encoded(lines, tuples, tuples.isPresent() && router.isPresent()
                ? Optional.of(new BatchWriter.Routed(router.get().slices(tuples.get()))) : Optional.empty());
    }

    private void work(BlockingQueue<Batch> queue, LoadTarget target, InputFormat format, LoadState state,
            String loadId, InitialLoad init, ReplacedParents parents, Optional<LeafRouter> known) {
        BatchWriter w = null;
        try {
            // the session's connection and staging table are set up while the reader cuts the first batch; if that
            // fails, the first batch sets it up again below, with the retries of a lost connection
            w = setUp(target, format, state, loadId, init, parents, known);
            while (true) {
                Batch b = queue.take();
                if (b == END) {
                    return;
                }
                if (stopped.get() != null || failure.get() != null) {
                    continue;
                }
                int attempt = 0;
                while (true) {
                    try {
                        if (w == null) {
                            w = writer(target, format, state, loadId, init, parents, known);
                            Optional<LoadState.Recorded> done = attempt > 0 ? w.committed(b.index())
                                    : Optional.empty();
                            if (done.isPresent()) {
                                // it did commit before the connection went: count what it recorded
                                count(done.get().rows(), done.get().written(), done.get().rejected());
                                break;
                            }
                        }
                        Outcome o = w.write(b);
                        count(o.rows(), o.written(), o.rejects().size());
                        if (o.direct()) {
                            direct.incrementAndGet();
                        }
                        break;
                    } catch (SQLException e) {
                        boolean lost = w == null || Faults.lost(e, null == w ? null : connectionOf(w));
                        if (!lost && !Faults.transientConflict(e)) {
                            failure.compareAndSet(null, new LoadException("batch " + (b.index() + 1) + " (from line "
                                    + b.firstLine() + ") failed: " + oneLine(e), "this is neither a bad row nor a lost"
                                            + " connection; check the server log"));
                            break; // the queue is still drained, so that the reader never waits forever
                        }
                        if (++attempt > opts.retries()) {
                            failure.compareAndSet(null, new LoadException("batch " + (b.index() + 1) + " failed "
                                    + attempt + " times: " + oneLine(e), "is the server up? run the same command"
                                            + " again to resume"));
                            break;
                        }
                        retries.incrementAndGet();
                        if (lost && w != null) {
                            w.close();
                            w = null;
                        }
                        sleep(opts.backoff().multipliedBy(1L << Math.min(attempt - 1, 6)));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            if (w != null) {
                w.close();
            }
        }
    }

    /** A session's writer on a new connection, or null when it could not be set up. */
    private BatchWriter setUp(LoadTarget target, InputFormat format, LoadState state, String loadId, InitialLoad init,
            ReplacedParents parents, Optional<LeafRouter> known) {
        try {
            return writer(target, format, state, loadId, init, parents, known);
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    /** A session's writer on a new connection; the connection is closed when the writer cannot be set up on it. */
    private BatchWriter writer(LoadTarget target, InputFormat format, LoadState state, String loadId, InitialLoad init,
            ReplacedParents parents, Optional<LeafRouter> known) throws SQLException {
        Connection c = source.open();
        try {
            return new BatchWriter(c, target, format, state, loadId, init.writes(target), init.direct(target), parents,
                    known);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Adds a committed batch to the totals; stops the load past --max-errors. */
    private void count(int batchRows, long batchWritten, int batchRejected) {
        rows.addAndGet(batchRows);
        written.addAndGet(batchWritten);
        batches.incrementAndGet();
        if (rejected.addAndGet(batchRejected) > opts.maxErrors()) {
            stopped.compareAndSet(null, "more than " + opts.maxErrors() + " rows rejected (--max-errors)");
        }
    }

    private static Connection connectionOf(BatchWriter w) {
        return w.connection();
    }

    private static void checkFunction(Connection c, LoadTarget t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regprocedure(?) IS NOT NULL")) {
            ps.setString(1, t.shape.signature(t.entity));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new LoadException("function " + t.shape.signature(t.entity) + " is not in the database",
                            "apply the generated SQL first (psql -f generated/install.sql)");
                }
            }
        }
    }

    private static void writeRejects(Path p, List<Reject> rejects) {
        try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            w.write("line,sqlstate,error,record\n");
            for (Reject r : rejects) {
                w.write(r.line() + "," + r.sqlState() + "," + csv(r.error()) + "," + csv(r.record()) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** The file's SHA-256 in hex; "" if {@code stop} says so before the end (nobody waits for it any more). */
    static String sha256(Path file, BooleanSupplier stop) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = Sha256.digest();
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (stop.getAsBoolean()) {
                    return "";
                }
                md.update(buf, 0, n);
            }
            return Sha256.hex(md);
        } catch (IOException e) {
            throw new LoadException("cannot read " + file + ": " + e.getMessage(), null);
        }
    }

    /** The connection {@code first} opened, or the SQLException that opening it threw. */
    private static Connection opened(CompletableFuture<Connection> first) throws SQLException {
        try {
            return first.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException q) {
                throw q;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Runs each task on a new daemon thread named {@code name} (work the load may abandon when it cannot start). */
    private static java.util.concurrent.Executor daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        };
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing to do with a connection that cannot close
        }
    }

    /** The digest, or the LoadException that reading the file for it threw. */
    private static String join(CompletableFuture<String> digest) {
        try {
            return digest.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    static String sha256(String s) {
        return Sha256.of(s).substring(0, 32);
    }

    static String oneLine(SQLException e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).replaceFirst("^ERROR: ", "")
                + (e.getSQLState() == null ? "" : " (" + e.getSQLState() + ")");
    }

    private static void putQuietly(BlockingQueue<Batch> q, Batch b) {
        try {
            q.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
