<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.BulkFunction" -->
<#include "bulk/head.ftl">
    -- lock the rows in key order first, so that concurrent callers never wait for each other in a cycle
    PERFORM 1
       FROM ${table} AS t,
            (SELECT DISTINCT <#list key as k>u.${k}<#sep>, </#sep></#list>
               FROM ${source}) AS k
      WHERE <#list key as k>t.${k} = k.${k}<#sep> AND </#sep></#list>
      ORDER BY <#list key as k>k.${k}<#sep>, </#sep></#list>
        FOR UPDATE OF t;
    DELETE FROM ${table} AS t
     USING (SELECT DISTINCT <#list key as k>u.${k}<#sep>, </#sep></#list>
              FROM ${source}) AS k
     WHERE <#list key as k>t.${k} = k.${k}<#sep> AND </#sep></#list>;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    RETURN v_rows;
END;
$${tag}$;
