<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.FullAggregate" -->
CREATE TEMP TABLE ${bareResult} ON COMMIT DROP AS
SELECT ${items?join(",\n       ")},
       NULL::pg_snapshot AS ${snapshot}
  FROM ${from?replace("\n", "\n       ")}<#if hasWhere>
 WHERE ${where}</#if>
 GROUP BY ${groupBy?join(", ")}
UNION ALL
SELECT <#list nulls as n>${n}, </#list>pg_current_snapshot()
