package dev.specgen.load;

import static dev.specgen.load.LoadTesting.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.SourcePos;
import dev.specgen.load.LoadTesting.Loaded;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecLoaderTest {

    private static SourcePos at(int line, int col) {
        return new SourcePos(LoadTesting.FILE, line, col);
    }

    @Test
    void keysAndValuesKeepOneBasedPositions() {
        Loaded l = load("""
                entity: Order
                fields:
                  id: {type: bigint}
                  note:
                    type: "text"
                """);
        assertEquals(List.of(), l.messages());
        YMap root = l.map();
        assertEquals(List.of("entity", "fields"), root.keys());
        assertEquals(at(1, 1), root.pos());
        YMap.Entry entity = root.entry("entity").orElseThrow();
        assertEquals(at(1, 1), entity.key().pos());
        assertEquals(at(1, 9), entity.value().pos());
        YMap fields = (YMap) root.get("fields").orElseThrow();
        assertEquals(at(3, 3), fields.pos());
        YMap id = (YMap) fields.get("id").orElseThrow();
        assertEquals(at(3, 7), id.pos());
        assertEquals(at(3, 8), id.entry("type").orElseThrow().key().pos());
        assertEquals(at(3, 14), id.get("type").orElseThrow().pos());
        YScalar type = (YScalar) ((YMap) fields.get("note").orElseThrow()).get("type").orElseThrow();
        assertEquals(new YScalar("text", false, false, at(5, 11)), type);
        assertEquals(Optional.empty(), root.get("missing"));
    }

    @Test
    void sequencesKeepOrderAndPositions() {
        Loaded l = load("tags:\n  - a\n  - 'b'\n  - [c, d]\n");
        YSeq tags = (YSeq) l.map().get("tags").orElseThrow();
        assertEquals(at(2, 3), tags.pos());
        assertEquals(List.of(YScalar.plain("a", at(2, 5)), YScalar.quoted("b", at(3, 5)),
                new YSeq(List.of(YScalar.plain("c", at(4, 6)), YScalar.plain("d", at(4, 9))), at(4, 5))),
                tags.items());
    }

    @Test
    void multipleDocumentsEachBecomeOne() {
        Loaded l = load("a: 1\n---\nb: 2\n--- # third\nc: 3\n");
        assertEquals(List.of(), l.messages());
        List<YDocument> docs = l.file().documents();
        assertEquals(3, docs.size());
        assertEquals(at(1, 1), docs.get(0).pos());
        assertEquals(at(2, 1), docs.get(1).pos());
        assertEquals(at(4, 1), docs.get(2).pos());
        assertEquals(List.of("c"), ((YMap) docs.get(2).root()).keys());
        assertEquals(LoadTesting.FILE, docs.get(2).file());
    }

    @Test
    void yaml12ScalarsDatesAndNoStayStrings() {
        Loaded l = load("since: 2024-01-01\nnullable: no\nunique: yes\nat: 12:30\nflag: true\nn: 0x10\nq: \"true\"\n");
        YMap m = l.map();
        YScalar since = (YScalar) m.get("since").orElseThrow();
        assertEquals("2024-01-01", since.text());
        assertEquals("string", since.kind());
        assertEquals("string", m.get("nullable").orElseThrow().kind());
        assertEquals(Optional.empty(), ((YScalar) m.get("nullable").orElseThrow()).asBoolean());
        assertEquals("string", m.get("unique").orElseThrow().kind());
        assertEquals("string", m.get("at").orElseThrow().kind());
        assertEquals(Optional.of(true), ((YScalar) m.get("flag").orElseThrow()).asBoolean());
        assertEquals(Optional.of(16L), ((YScalar) m.get("n").orElseThrow()).asLong());
        assertEquals(Optional.empty(), ((YScalar) m.get("q").orElseThrow()).asBoolean());
    }

    @Test
    void nullValues() {
        YMap m = load("a:\nb: ~\nc: null\nd: ''\n").map();
        assertTrue(((YScalar) m.get("a").orElseThrow()).isNull());
        assertTrue(((YScalar) m.get("b").orElseThrow()).isNull());
        assertTrue(((YScalar) m.get("c").orElseThrow()).isNull());
        assertFalse(((YScalar) m.get("d").orElseThrow()).isNull());
    }

    @Test
    void duplicateKeyIsReportedAtTheSecondAndDropped() {
        Loaded l = load("name: a\ntype: b\nname: c\n");
        assertEquals(List.of("specs/x.yaml:3:1: error SG102: duplicate key \"name\" (first defined on line 1)"),
                l.messages());
        assertEquals(List.of("name", "type"), l.map().keys());
        assertEquals("a", ((YScalar) l.map().get("name").orElseThrow()).text());
    }

    @Test
    void duplicateKeyQuotedOrNotIsTheSameKey() {
        assertEquals(List.of("specs/x.yaml:1:9: error SG102: duplicate key \"id\" (first defined on line 1)"),
                load("{id: 1, \"id\": 2}").messages());
    }

    @Test
    void syntaxErrorIsOneLineAtTheProblemMark() {
        assertEquals(List.of("specs/x.yaml:3:7: error SG101: mapping values are not allowed here"),
                load("a: 1\nb:\n  c: d: e\n").messages());
    }

    @Test
    void syntaxErrorWithContextGetsAHint() {
        assertEquals(List.of("specs/x.yaml:3:1: error SG101: expected ',' or ']', but got <stream end>\n"
                + "  hint: while parsing a flow sequence started at line 1, column 8"),
                load("names: [a, b\n\n").messages());
    }

    @Test
    void tabIndentation() {
        assertEquals(List.of("specs/x.yaml:2:1: error SG101: found a tab character that cannot start any token"
                + " (indent with spaces, not tabs)"), load("a:\n\tb: 1\n").messages());
    }

    @Test
    void badCharacterWithoutSnakeYamlsIndentationAdvice() {
        assertEquals(List.of("specs/x.yaml:1:4: error SG101: found character '@' that cannot start any token."),
                load("a: @b\n").messages());
    }

    @Test
    void otherYamlVersions() {
        assertEquals(List.of("specs/x.yaml:1:1: error SG101: unsupported YAML version 2.0 (specs are YAML 1.2)"),
                load("%YAML 2.0\n---\na: 1\n").messages());
        // issue 6: SnakeYAML accepted 1.1, against the docs
        assertEquals(List.of("specs/x.yaml:1:1: error SG101: unsupported YAML version 1.1 (specs are YAML 1.2)"),
                load("%YAML 1.1\n---\na: 1\n").messages());
        assertEquals(List.of(), load("%YAML 1.2\n---\na: 1\n").messages());
    }

    /** Issue 6: "\uD800" loaded as a lone surrogate, which became ? when written; now an error at the value. */
    @Test
    void loneSurrogates() {
        assertEquals(List.of("specs/x.yaml:2:4: error SG112: text holds a lone surrogate U+D800, which is half of a"
                + " pair and no character\n  hint: write the character itself, or its 8-digit escape in a double-quoted"
                + " string: \"\\U0001F600\""), load("a: &x ok\nb: &y \"x\\uD800\"\nc: *y\nd: \"\\uD83D\\uDE00\"\n")
                .messages());
    }

    @Test
    void undefinedAlias() {
        assertEquals(List.of("specs/x.yaml:1:4: error SG101: found undefined alias nope"),
                load("a: *nope\n").messages());
    }

    @Test
    void documentsBeforeASyntaxErrorAreKept() {
        Loaded l = load("a: 1\n---\nb: [\n");
        assertEquals(1, l.file().documents().size());
        assertEquals(1, l.messages().size());
        assertTrue(l.messages().get(0).startsWith("specs/x.yaml:4:1: error SG101: "), l.messages().get(0));
    }

    @Test
    void invalidUtf8IsReportedAtTheFirstBadByte() {
        byte[] latin1 = {'a', ':', ' ', '1', '\n', 'n', 'o', 't', 'e', ':', ' ', 'c', 'a', 'f', (byte) 0xE9, '\n'};
        assertEquals(List.of("specs/x.yaml:2:10: error SG103: invalid UTF-8 byte 0xE9; specs must be UTF-8\n"
                + "  hint: save the file as UTF-8"), load(latin1).messages());
    }

    @Test
    void invalidUtf8ColumnsCountCharactersNotBytes() {
        byte[] bytes = {'\r', '\n', (byte) 0xC3, (byte) 0xA9, 'x', (byte) 0xFF};
        assertEquals("specs/x.yaml:2:3: error SG103: invalid UTF-8 byte 0xFF; specs must be UTF-8",
                load(bytes).diags().sorted().get(0).headline());
    }

    @Test
    void utf16IsNamed() {
        byte[] bytes = {(byte) 0xFF, (byte) 0xFE, 'a', 0, ':', 0};
        assertEquals("specs/x.yaml:1:1: error SG103: file is UTF-16 encoded; specs must be UTF-8",
                load(bytes).diags().sorted().get(0).headline());
    }

    @Test
    void bomIsAcceptedAndNotCounted() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ':', ' ', '1', '\n'};
        Loaded l = load(bytes);
        assertEquals(List.of(), l.messages());
        assertEquals(List.of("a"), l.map().keys());
        assertEquals(at(1, 4), l.map().get("a").orElseThrow().pos());
    }

    @Test
    void controlCharacterIsPositioned() {
        assertEquals(List.of("specs/x.yaml:2:5: error SG101: character U+0007 is not allowed in YAML\n"
                + "  hint: remove the control character or write it as an escape in a double-quoted string"),
                load("a: 1\nb: x\u0007\n").messages());
    }

    @Test
    void emptyFileIsAnError() {
        String expected = "specs/x.yaml: error SG105: file is empty (no YAML document, only blanks or comments)";
        assertEquals(List.of(expected), load("").messages());
        assertEquals(List.of(expected), load("  \n# only a comment\n").messages());
        assertEquals(List.of(), load("").file().documents());
    }

    @Test
    void fileOfEmptyDocumentsIsAnError() {
        assertEquals(List.of("specs/x.yaml:1:1: error SG105: document is empty",
                "specs/x.yaml:2:1: error SG105: document is empty"), load("---\n--- ~\n").messages());
    }

    @Test
    void emptyDocumentNextToARealOneIsSkippedWithAWarning() {
        Loaded l = load("---\n# nothing\n---\na: 1\n---\n");
        assertEquals(List.of("specs/x.yaml:1:1: warning SG105: empty document skipped",
                "specs/x.yaml:5:1: warning SG105: empty document skipped"), l.messages());
        assertEquals(1, l.file().documents().size());
        assertEquals(at(3, 1), l.file().documents().get(0).pos());
    }

    @Test
    void customTagsAreRejected() {
        Loaded l = load("a: !secret x\nb: !!binary aGk=\nc: !!set {x}\nd: !<tag:example.com,2024:t> y\n");
        assertEquals(List.of(
                "specs/x.yaml:1:4: error SG110: tag !secret is not supported\n"
                        + "  hint: specs use plain YAML values; remove the tag",
                "specs/x.yaml:2:4: error SG110: tag !!binary is not supported\n"
                        + "  hint: specs use plain YAML values; remove the tag",
                "specs/x.yaml:3:4: error SG110: tag !!set is not supported\n"
                        + "  hint: specs use plain YAML values; remove the tag",
                "specs/x.yaml:4:4: error SG110: tag !<tag:example.com,2024:t> is not supported\n"
                        + "  hint: specs use plain YAML values; remove the tag"), l.messages());
    }

    @Test
    void coreTagsAreAcceptedWhenTheyFit() {
        Loaded l = load("a: !!str 5\nb: !!int \"7\"\nc: !!bool true\nd: !!null ''\ne: !!float 1\n"
                + "f: !!map {x: 1}\ng: !!seq [1]\n");
        assertEquals(List.of(), l.messages());
        YMap m = l.map();
        assertEquals(YScalar.quoted("5", at(1, 4)), m.get("a").orElseThrow());
        assertEquals(Optional.of(7L), ((YScalar) m.get("b").orElseThrow()).asLong());
        assertEquals(Optional.of(true), ((YScalar) m.get("c").orElseThrow()).asBoolean());
        assertTrue(((YScalar) m.get("d").orElseThrow()).isNull());
        assertEquals("integer", m.get("e").orElseThrow().kind());
    }

    @Test
    void coreTagsThatDoNotFitAreRejected() {
        assertEquals(List.of("specs/x.yaml:1:4: error SG110: value \"x\" does not match its tag !!int",
                "specs/x.yaml:2:4: error SG110: tag !!map cannot be used on a sequence",
                "specs/x.yaml:3:4: error SG110: tag !!str cannot be used on a mapping"),
                load("a: !!int x\nb: !!map [1]\nc: !!str {x: 1}\n").messages());
    }

    @Test
    void complexKeysAreRejected() {
        Loaded l = load("? [a, b]\n: 1\nok: 2\n");
        assertEquals(List.of("specs/x.yaml:1:3: error SG110: mapping keys must be scalars, not a sequence"),
                l.messages());
        assertEquals(List.of("ok"), l.map().keys());
    }

    @Test
    void mergeKeyIsAnOrdinaryKey() {
        Loaded l = load("base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n");
        assertEquals(List.of(), l.messages());
        YMap child = (YMap) l.map().get("child").orElseThrow();
        assertEquals(List.of("<<", "y"), child.keys());
    }

    @Test
    void explicitMergeTagIsRejectedNotMerged() {
        Loaded l = load("base: &b {x: 1}\nchild:\n  !!merge <<: *b\n");
        assertEquals(List.of("specs/x.yaml:3:3: error SG110: tag !!merge is not supported\n"
                + "  hint: specs use plain YAML values; remove the tag"), l.messages());
        assertEquals(List.of("<<"), ((YMap) l.map().get("child").orElseThrow()).keys());
    }

    @Test
    void aliasesAreExpandedWithTheAnchorsPositions() {
        Loaded l = load("a: &x {t: int}\nb: *x\n");
        assertEquals(List.of(), l.messages());
        assertEquals(l.map().get("a"), l.map().get("b"));
        assertEquals(at(1, 4), l.map().get("b").orElseThrow().pos());
    }

    @Test
    void longKeysAreCutInMessages() {
        String key = "k".repeat(100);
        assertEquals(List.of("specs/x.yaml:2:1: error SG102: duplicate key \"" + "k".repeat(60)
                + "...\" (first defined on line 1)"), load(key + ": 1\n" + key + ": 2\n").messages());
    }
}
