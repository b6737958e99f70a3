package dev.specgen.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.NamePattern;
import dev.specgen.model.NamePattern.Placeholder;
import dev.specgen.model.NamePattern.Segment;
import dev.specgen.model.PartitionName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 11 item 3: a partition_name: pattern as maintain_<table>() spells it in SQL. */
class MaintenanceNamesTest {
    private static final SourcePos POS = new SourcePos("a.yaml", 1, 1);

    @Test
    void intervalPatternIsOneToCharPerRunOfTextAndDates() {
        NamePattern p = new NamePattern(List.of(new Segment.Slot(Placeholder.TABLE), new Segment.Text("_p"),
                new Segment.Slot(Placeholder.IYYY), new Segment.Text("w"), new Segment.Slot(Placeholder.IW)), POS);
        assertEquals("'sale' || to_char(bucket, '\"_p\"IYYY\"w\"IW')", MaintenanceNames.byInterval(p, "sale"));
    }

    @Test
    void stepPatternWritesNegativeStartsWithM() {
        NamePattern p = new NamePattern(List.of(new Segment.Slot(Placeholder.TABLE), new Segment.Text("_p"),
                new Segment.Slot(Placeholder.FROM)), POS);
        assertEquals("'sale' || '_p' || CASE WHEN bucket < 0 THEN 'm' || (-bucket)::text ELSE bucket::text END",
                MaintenanceNames.byStep(p, "sale"));
    }

    @Test
    void subpartitionNameFollowsItsParent() {
        assertEquals("part || '_h0'", MaintenanceNames.of(PartitionName.suffixed("h0"), "sale", "part"));
        assertEquals("'sale' || '_' || part", MaintenanceNames.of(new PartitionName(List.of(PartitionName.Part.TABLE,
                new PartitionName.Part.Text("_"), PartitionName.Part.PARENT)), "sale", "part"));
    }
}
