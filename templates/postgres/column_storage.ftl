<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.ColumnStorage" -->
-- ${purpose}: stored out of line and uncompressed (compressing them would cost more than the write itself)
DO $${tag}$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_attribute AS a
                WHERE a.attrelid = ${tableLiteral}::regclass AND a.attname IN (${columnLiterals?join(", ")})
                  AND a.attstorage <> 'e') THEN
        ALTER TABLE ${table}<#list columns as column> ALTER COLUMN ${column} SET STORAGE EXTERNAL<#sep>,</#sep></#list>;
    END IF;
END
$${tag}$;
