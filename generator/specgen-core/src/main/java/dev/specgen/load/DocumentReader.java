package dev.specgen.load;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Composes the documents of one decoded file and converts them. Every failure, expected or not, ends as a
 * diagnostic; documents completed before a failure are kept so later stages can report more.
 */
final class DocumentReader {
    private final LoadSettings settings;
    private final String file;
    private final Diagnostics diags;

    DocumentReader(LoadSettings settings, String file, Diagnostics diags) {
        this.settings = settings;
        this.file = file;
        this.diags = diags;
    }

    LoadedFile read(String text) {
        TrackingParser parser = new TrackingParser(new ParserImpl(settings, new StreamReader(settings, text)), file,
                SpecLoader.MAX_DEPTH);
        NodeConverter converter = new NodeConverter(file, diags, SpecLoader.MAX_NODES, SpecLoader.MAX_DEPTH);
        List<YDocument> documents = new ArrayList<>();
        List<SourcePos> empty = new ArrayList<>();
        boolean failed = false;
        try {
            SpecComposer composer = new SpecComposer(settings, parser);
            while (composer.hasNext()) {
                Node node = composer.next();
                SourcePos docPos = parser.documentStart().orElseGet(() -> SourcePos.file(file));
                Optional<YNode> root = converter.convert(node, docPos);
                if (root.isEmpty()) {
                    failed = true;
                    if (converter.exhausted()) {
                        break;
                    }
                } else if (root.get() instanceof YScalar s && s.isNull()) {
                    empty.add(docPos);
                } else {
                    documents.add(new YDocument(root.get(), docPos, file));
                }
            }
        } catch (RuntimeException e) {
            diags.add(YamlProblems.toDiagnostic(e, file, parser.lastPos()));
            failed = true;
        } catch (StackOverflowError e) { // belt and braces: TrackingParser bounds depth before this can happen
            diags.error(parser.lastPos().orElseGet(() -> SourcePos.file(file)), Code.SG104,
                    "nesting is too deep to read");
            failed = true;
        }
        reportEmpty(documents, empty, failed);
        return new LoadedFile(file, documents);
    }

    /**
     * No document at all is an error; so are empty documents when nothing else is in the file. Empty documents
     * next to real ones (a stray trailing {@code ---}) are skipped with a warning.
     */
    private void reportEmpty(List<YDocument> documents, List<SourcePos> empty, boolean failed) {
        if (failed) {
            return;
        }
        if (documents.isEmpty() && empty.isEmpty()) {
            diags.error(SourcePos.file(file), Code.SG105, "file is empty (no YAML document, only blanks or comments)");
            return;
        }
        for (SourcePos pos : empty) {
            if (documents.isEmpty()) {
                diags.error(pos, Code.SG105, "document is empty");
            } else {
                diags.warning(pos, Code.SG105, "empty document skipped");
            }
        }
    }
}
