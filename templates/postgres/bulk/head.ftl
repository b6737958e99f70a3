<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.BulkFunction" -->
<#-- Shared by bulk_*.ftl: comment, signature, pinned settings, input checks. -->
<#list comments as line>
-- ${line}
</#list>
CREATE OR REPLACE FUNCTION ${name}(
<#list params as p>
    ${p}<#sep>,</#sep>
</#list>
)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SECURITY INVOKER
SET search_path = pg_catalog, pg_temp
<#list settings as setting>
SET ${setting}
</#list>
AS $${tag}$
#variable_conflict use_variable
DECLARE
    v_rows bigint;
<#list declarations as d>
    ${d};
</#list>
BEGIN
    IF ${nullChecks?join(" OR ")} THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = ${nullMessage};
    END IF;
    v_rows := ${rowCount};
<#if hasLengthChecks>
    IF ${lengthChecks?join("\n       OR ")} THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = ${lengthMessage},
            DETAIL = ${lengthDetail};
    END IF;
</#if>
    IF v_rows = 0 THEN
        RETURN 0;
    END IF;
<#if hasFlags>
    -- which optional columns the rows carry: a key that no row has leaves the column out (when the first row has
    -- them all, every row does: they are not expanded a second time to ask)
    IF NOT (${rowsParam} -> 0 ?& ARRAY[${flagKeys?join(", ")}]) THEN
        SELECT ${flags?join(", ")}
          INTO ${flagVariables?join(", ")}
          FROM jsonb_array_elements(${rowsParam}) AS e(specgen_doc);
    END IF;
</#if>
