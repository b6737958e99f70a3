<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.BulkFunction" -->
<#-- The statement of bulk_insert.ftl, also run by specgen load on its staging table. -->
    INSERT INTO ${table} (${columns?join(", ")})
    SELECT <#if deduplicated>DISTINCT ON (<#list key as k>r.${k}<#sep>, </#sep></#list>)
           </#if><#list columns as c>r.${c}<#sep>, </#sep></#list>
      FROM (SELECT <#list values as v>${v},
                   </#list>${ordinal} AS specgen_ord
              FROM ${source}) AS r<#if deduplicated>
     ORDER BY <#list key as k>r.${k}, </#list>r.specgen_ord DESC</#if>