<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.BulkFunction" -->
<#-- The statement of bulk_upsert.ftl, also run by specgen load on its staging table. -->
    INSERT INTO ${table} AS t (${columns?join(", ")})
    SELECT DISTINCT ON (<#list key as k>r.${k}<#sep>, </#sep></#list>)
           <#list columns as c>r.${c}<#sep>, </#sep></#list>
      FROM (SELECT <#list values as v>${v},
                   </#list>${ordinal} AS specgen_ord
              FROM ${source}) AS r
     ORDER BY <#list key as k>r.${k}, </#list>r.specgen_ord DESC
    ON CONFLICT (${key?join(", ")}) DO <#if hasUpdates>UPDATE
       SET ${updates?join(",\n           ")}<#if hasChanged>
     WHERE ${changed}</#if><#else>NOTHING</#if>