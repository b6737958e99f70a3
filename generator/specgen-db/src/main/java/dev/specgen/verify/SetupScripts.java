package dev.specgen.verify;

import dev.specgen.db.ApplyResult;
import dev.specgen.db.Database;
import dev.specgen.db.ScriptRunner;
import dev.specgen.db.StmtFailure;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.sql.SqlSplitter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * {@code --setup} scripts: SQL the user owns that the specs presume exists (trigger functions, functions a generated
 * column calls, roles that policies name), run in the scratch database before the install, each in rollout mode
 * (its own BEGIN/COMMIT dropped; CONCURRENTLY statements alone). They run only where specgen works on a database of
 * its own: with {@code --in-place} or in the user's database (no CREATEDB) they would change the user's objects, so
 * they are refused there (SG427). A failure is reported at the script's line, as PostgreSQL reported it.
 */
final class SetupScripts {
    /** Larger than any hand-written setup; keeps a wrong path (a dump, /dev/zero) from filling the heap. */
    static final long MAX_BYTES = 16L << 20;

    private SetupScripts() {
    }

    /** Runs {@code scripts} in order; the first problem, if any, as SG427. */
    static Optional<Diagnostic> run(Connection c, Database.Isolation isolation, List<Path> scripts) {
        if (scripts.isEmpty()) {
            return Optional.empty();
        }
        if (isolation != Database.Isolation.SCRATCH_DATABASE) {
            return Optional.of(Diagnostic.error(SourcePos.NONE, Code.SG427, "--setup scripts run only in a scratch "
                    + "database, not " + (isolation == Database.Isolation.IN_PLACE ? "with --in-place"
                    : "in the database of --db-url (the user may not CREATE DATABASE)"))
                    .withHint("the database already holds what the scripts create, or grant CREATEDB so specgen "
                            + "can work in a scratch database"));
        }
        for (Path p : scripts) {
            // as given: Diagnostic.format escapes what a terminal would not show as itself
            String name = p.toString();
            String sql;
            try {
                sql = read(p);
            } catch (IOException e) {
                return Optional.of(Diagnostic.error(SourcePos.file(name), Code.SG427, "cannot read --setup script: "
                        + e.getClass().getSimpleName().replace("Exception", "") + " " + e.getMessage())
                        .withHint("give a readable UTF-8 SQL file of at most 16 MiB"));
            }
            ApplyResult r = ScriptRunner.runScript(c, sql, ScriptRunner.Mode.ROLLOUT);
            if (r.failure().isPresent()) {
                StmtFailure f = r.failure().get();
                int line = f.origin() instanceof SqlSplitter.Piece piece ? piece.line() + f.lineInStatement() - 1 : 0;
                Diagnostic d = f.toDiagnostic(new SourcePos(name, line, line == 0 ? 0 : 1));
                return Optional.of(new Diagnostic(d.pos(), d.severity(), Code.SG427,
                        "--setup script failed: " + d.message(), d.hint()));
            }
        }
        return Optional.empty();
    }

    private static String read(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new IOException(Files.exists(p) ? "not a regular file" : "no such file");
        }
        if (Files.size(p) > MAX_BYTES) {
            throw new IOException("larger than 16 MiB");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(p)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8");
        }
    }
}
