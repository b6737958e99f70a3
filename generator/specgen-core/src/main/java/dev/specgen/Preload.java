package dev.specgen;

import dev.specgen.check.GateMemo;
import dev.specgen.check.ParseCheck;
import dev.specgen.diag.SourcePos;
import dev.specgen.render.Renderer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads and initialises the two big libraries of the render stage, FreeMarker and JSqlParser (about 400 and 300
 * classes, and JSqlParser's parser tables), on a background thread while the first run of this JVM loads, validates
 * and plans its specs on the caller's. In a fresh process (the CLI) that work otherwise comes one piece after the
 * other on one core; here it is spread over two. Nothing it does is seen by the run: it renders and parses fixed
 * text with objects of its own, and what a run produces does not depend on whether it finished. Once per JVM.
 */
public final class Preload {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private Preload() {
    }

    /** Starts the background loading, the first time only; never blocks and never fails the caller. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(Preload::load, "specgen-preload");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void load() {
        try {
            Renderer.warmUp();
            if (GateMemo.likelyUseful()) {
                return; // the run's statements are likely all in the memo: JSqlParser may not be needed at all
            }
            ParseCheck gate = new ParseCheck();
            for (String sql : SAMPLES) {
                gate.checkStatement(sql, SourcePos.NONE, "preload", "preload");
            }
        } catch (RuntimeException | LinkageError e) {
            // only an optimisation: the run loads whatever it needs itself
        }
    }

    /** Statements of the kinds a build parses most, so the parser's paths for them are loaded too. */
    private static final String[] SAMPLES = {
        "CREATE TABLE s.t (id bigint NOT NULL, v text, CONSTRAINT c CHECK (v <> '')) PARTITION BY RANGE (id)",
        "CREATE INDEX IF NOT EXISTS i ON ONLY s.t USING btree (id, v) INCLUDE (v) WHERE v IS NOT NULL",
        "COMMENT ON TABLE s.t IS 'x'",
        "DO $$ BEGIN ALTER TABLE s.t ADD CONSTRAINT f FOREIGN KEY (id) REFERENCES s.u (id); "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        "SELECT count(*) FROM s.t WHERE id = 1 AND v IN ('a', 'b') GROUP BY v ORDER BY 1",
        "INSERT INTO s.t (id, v) SELECT g, 'x' || g FROM generate_series(1, 10) AS g ON CONFLICT DO NOTHING",
    };
}
