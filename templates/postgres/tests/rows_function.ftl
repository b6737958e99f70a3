<#-- @ftlvariable name="" type="dev.specgen.testgen.ViewStep.RowsFunction" -->
-- rows first .. first + cnt - 1 for ${table}, each value a function of the row number i (keys distinct, so later
-- rounds add rows that do not collide; partition keys spread over n)
CREATE OR REPLACE FUNCTION ${function}(first integer, n integer, cnt integer) RETURNS void
LANGUAGE plpgsql AS $specgen$
BEGIN
    INSERT INTO ${table} (${columns?join(", ")})<#if overriding> OVERRIDING SYSTEM VALUE</#if>
    SELECT
<#list selectList as item>
        ${item}<#sep>,</#sep>
</#list>
      FROM generate_series(first, first + cnt - 1) AS s(i);
END;
$specgen$;
