package dev.specgen.load;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlVersionException;

/**
 * Turns whatever SnakeYAML throws into one positioned diagnostic: the problem mark when there is one, else where the
 * parser last was, else the whole file. Messages are SnakeYAML's problem text on one line; never a stack trace.
 */
final class YamlProblems {
    private static final String ALIAS_LIMIT = "Number of aliases for non-scalar nodes exceeds";
    private static final String TAB_TOKEN = "found character '\\t(TAB)' that cannot start any token.";
    /** SnakeYAML appends "(Do not use X for indentation)" for any bad character; only right for tabs. */
    private static final Pattern INDENTATION_ADVICE = Pattern.compile("\\s*\\(Do not use .* for indentation\\)$");

    private YamlProblems() {
    }

    static Diagnostic toDiagnostic(RuntimeException e, String file, Optional<SourcePos> lastPos) {
        SourcePos fallback = lastPos.orElseGet(() -> SourcePos.file(file));
        if (e instanceof LimitExceeded limit) {
            return Diagnostic.error(limit.pos(), Code.SG104, limit.getMessage());
        }
        if (e instanceof MarkedYamlEngineException marked) {
            return marked(marked, file, fallback);
        }
        String message = Texts.oneLine(e.getMessage());
        if (message.startsWith(ALIAS_LIMIT)) {
            return Diagnostic.error(fallback, Code.SG104, "too many aliases to mappings or sequences in one document"
                    + " (more than " + SpecLoader.MAX_ALIASES_FOR_COLLECTIONS + ")");
        }
        if (e instanceof YamlVersionException version) {
            return Diagnostic.error(fallback, Code.SG101, "unsupported YAML version "
                    + version.getSpecVersion().getRepresentation() + " (specs are YAML 1.2)");
        }
        if (e instanceof ReaderException reader) { // normally caught earlier by TextDecoder
            return Diagnostic.error(fallback, Code.SG101,
                    "character " + Texts.codePoint(reader.getCodePoint()) + " is not allowed in YAML");
        }
        if (message.isEmpty()) {
            message = "YAML parser failed (" + e.getClass().getSimpleName() + ")";
        }
        return Diagnostic.error(fallback, Code.SG101, message);
    }

    private static Diagnostic marked(MarkedYamlEngineException e, String file, SourcePos fallback) {
        String problem = clean(Texts.oneLine(e.getProblem()));
        String context = Texts.oneLine(e.getContext());
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        SourcePos pos = mark.map(m -> SourcePos.of(file, m.getLine(), m.getColumn())).orElse(fallback);
        if (problem.isEmpty()) {
            problem = context.isEmpty() ? "invalid YAML" : context;
            context = "";
        }
        Diagnostic d = Diagnostic.error(pos, Code.SG101, problem);
        Optional<Mark> contextMark = e.getContextMark();
        if (!context.isEmpty() && contextMark.isPresent()) {
            Mark c = contextMark.get();
            return d.withHint(context + " started at line " + (c.getLine() + 1) + ", column " + (c.getColumn() + 1));
        }
        return d;
    }

    private static String clean(String problem) {
        if (problem.startsWith(TAB_TOKEN)) {
            return "found a tab character that cannot start any token (indent with spaces, not tabs)";
        }
        return INDENTATION_ADVICE.matcher(problem).replaceFirst("");
    }
}
