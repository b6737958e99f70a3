<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.SeedFunction" -->
-- n rows for ${table}, each value a function of the row number i<#if hasBefore> (referenced tables first)</#if>
CREATE OR REPLACE FUNCTION ${function}(n integer) RETURNS void
LANGUAGE plpgsql AS $${tag}$
BEGIN
<#list before as call>
    PERFORM ${call};
</#list>
<#if userTriggers>
    -- the spec's triggers are the user's code and may refuse synthetic rows: not run for them
    ALTER TABLE ${table} DISABLE TRIGGER USER;
</#if>
    INSERT INTO ${table} (${columns?join(", ")})<#if overriding> OVERRIDING SYSTEM VALUE</#if>
    SELECT
<#list selectList as item>
        ${item}<#sep>,</#sep>
</#list>
      FROM generate_series(1, n) AS s(i);
<#if userTriggers>
    ALTER TABLE ${table} ENABLE TRIGGER USER;
</#if>
END;
$${tag}$;
