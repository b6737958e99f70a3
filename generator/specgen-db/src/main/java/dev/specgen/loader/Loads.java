package dev.specgen.loader;

import dev.specgen.db.Database;
import dev.specgen.db.Databases;
import dev.specgen.db.DbOptions;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.SpecgenException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one call behind {@code specgen load}: opens the target database as it is (no scratch copy), runs the
 * {@link Loader}, and turns what went wrong into diagnostics: SG415 the load cannot start, SG416 it stopped at
 * {@code --max-errors}, SG417 it failed, SG418 (warning) rows were rejected; SG405 the database cannot be reached.
 */
public final class Loads {
    private Loads() {
    }

    /** {@code ok}: the whole file was loaded (rejected rows are reported, not failures). */
    public record Outcome(boolean ok, List<Diagnostic> diagnostics, Optional<LoadResult> result) {
        public Outcome {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public static Outcome run(LoadOptions opts, DbOptions db, LoadListener listener) {
        Database database;
        try {
            database = Databases.open(db.withInPlace(true));
        } catch (SpecgenException e) {
            return new Outcome(false, e.diagnostics(), Optional.empty());
        }
        try (database) {
            // a server that went away is a lost connection to retry, not a failure
            return run(opts, () -> {
                try {
                    return database.connect();
                } catch (SpecgenException e) {
                    throw new java.sql.SQLException(e.getMessage(), "08001");
                }
            }, listener);
        }
    }

    public static Outcome run(LoadOptions opts, ConnectionSource source, LoadListener listener) {
        List<Diagnostic> out = new ArrayList<>();
        LoadResult r;
        try {
            r = Loader.run(opts, source, listener);
        } catch (LoadException e) {
            Code code = e.getMessage().startsWith("batch ") ? Code.SG417 : Code.SG415;
            out.add(Diagnostic.error(SourcePos.NONE, code, e.getMessage()).withHint(e.hint()));
            return new Outcome(false, out, Optional.empty());
        } catch (SpecgenException e) {
            return new Outcome(false, e.diagnostics(), Optional.empty());
        }
        if (r.rejected() > 0) {
            out.add(Diagnostic.warning(SourcePos.NONE, Code.SG418, r.rejected() + " rows rejected; each with its"
                    + " input line and PostgreSQL's error in " + r.rejectFile().map(Object::toString).orElse("?"))
                    .withHint("fix them there and load the reject file's records again"));
        }
        r.stopped().ifPresent(s -> out.add(Diagnostic.error(SourcePos.NONE, Code.SG416, "load stopped: " + s
                + "; the batches loaded so far are committed and recorded").withHint("run the same command again"
                        + " with a higher --max-errors to go on where it stopped")));
        return new Outcome(r.complete(), out, Optional.of(r));
    }
}
