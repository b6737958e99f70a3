<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.BulkFunction" -->
<#-- The statement of bulk_replace.ftl, also run by specgen load on its staging table. -->
    WITH n AS (
        SELECT DISTINCT ON (<#list parentKey as k>r.${k}, </#list><#list key as k>r.${k}<#sep>, </#sep></#list>)
               <#list columns as c>r.${c}<#sep>, </#sep></#list>
          FROM (SELECT <#list values as v>${v},
                       </#list>${ordinal} AS specgen_ord
                  FROM ${source}) AS r
         ORDER BY <#list parentKey as k>r.${k}, </#list><#list key as k>r.${k}, </#list>r.specgen_ord DESC),
    p AS (
        SELECT DISTINCT <#list parentKey as k>n.${k}<#sep>, </#sep></#list> FROM n),
    deleted AS (
        DELETE FROM ${table} AS t
         USING p
         WHERE <#list parentKey as k>t.${k} = p.${k}<#sep> AND </#sep></#list>
           AND NOT EXISTS (SELECT 1 FROM n
                            WHERE <#list parentKey as k>n.${k} = t.${k} AND </#list><#list key as k>n.${k} = t.${k}<#sep> AND </#sep></#list>)
        RETURNING 1),
<#if hasUpdates>
    updated AS (
        UPDATE ${table} AS t
           SET ${updates?join(",\n               ")}
          FROM n
         WHERE <#list parentKey as k>t.${k} = n.${k} AND </#list><#list key as k>t.${k} = n.${k}<#sep> AND </#sep></#list><#if hasChanged>
           AND ${changed}</#if>
        RETURNING 1),
</#if>
    inserted AS (
        INSERT INTO ${table} (${columns?join(", ")})
        SELECT <#list columns as c>n.${c}<#sep>, </#sep></#list>
          FROM n
         WHERE NOT EXISTS (SELECT 1 FROM ${table} AS x
                            WHERE <#list parentKey as k>x.${k} = n.${k} AND </#list><#list key as k>x.${k} = n.${k}<#sep> AND </#sep></#list>)
        RETURNING 1)
    SELECT (SELECT count(*) FROM deleted)<#if hasUpdates> + (SELECT count(*) FROM updated)</#if> + (SELECT count(*) FROM inserted)
