<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.AttachIndex" -->
<#if onlyWhileAttached>
-- retention may have detached ${childTable}: it keeps its name and this index, so the index is attached only while
-- the table is a partition of ${parentTable}
DO $${tag}$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_inherits AS i
                WHERE i.inhrelid = pg_catalog.to_regclass(${childTableLiteral})
                  AND i.inhparent = pg_catalog.to_regclass(${parentTableLiteral})) THEN
        ALTER INDEX ${parent} ATTACH PARTITION ${child};
    END IF;
END
$${tag}$;
<#else>
ALTER INDEX ${parent} ATTACH PARTITION ${child};
</#if>
