package dev.specgen.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The overview's escaping: spec text cannot end a Mermaid member or block, or a Markdown table cell. */
class OverviewTest {

    @Test
    void mermaidTextCannotCloseAMemberALabelOrTheBlock() {
        assertEquals("lower[email] ']x[' '''evil", Overview.mermaid("lower(email) \"}x{\" `#;evil"));
        assertEquals("a[b] c", Overview.mermaid("a<b>\nc"));
    }

    @Test
    void tableCellsKeepToOneCellAndOneLine() {
        assertEquals("a\\|b c &lt;script>", Overview.cell("a|b\r\nc <script>"));
        assertEquals("x\\\\\\|", Overview.cell("x\\|"));
    }
}
