<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.FullRecompute" -->
<#if hasDelta>
MERGE INTO ${store} AS specgen_t
USING (SELECT <#list groups as g>${g}, </#list><#list values as v>${v}<#sep>, </#sep></#list>
         FROM ${result}
        WHERE ${snapshot} IS NULL) AS specgen_d
   ON ${match}
 WHEN MATCHED AND (<#list values as v>specgen_t.${v}<#sep>, </#sep></#list>)
                  IS DISTINCT FROM (<#list values as v>specgen_d.${v}<#sep>, </#sep></#list>) THEN
      UPDATE SET ${set?join(",\n                 ")}
 WHEN NOT MATCHED THEN
      INSERT (${columns?join(", ")})
      VALUES (<#list columns as c>specgen_d.${c}<#sep>, </#sep></#list>)
<#else>
WITH specgen_f AS (
    SELECT ${items?join(",\n           ")}
      FROM ${from?replace("\n", "\n           ")}<#if hasWhere>
     WHERE ${where}</#if>
     GROUP BY ${groupBy?join(", ")}
), specgen_d AS (
    SELECT <#list groups as g>specgen_f.${g}, </#list><#list values as v>specgen_f.${v}, </#list>true AS specgen_keep
      FROM specgen_f
    UNION ALL
    SELECT <#list groups as g>specgen_c.${g}, </#list><#list values as v>NULL, </#list>false
      FROM ${store} AS specgen_c
     WHERE NOT EXISTS (SELECT 1 FROM specgen_f WHERE ${matchGone})
)
MERGE INTO ${store} AS specgen_t
USING specgen_d
   ON ${match}
 WHEN MATCHED AND NOT specgen_d.specgen_keep THEN
      DELETE
 WHEN MATCHED AND (<#list values as v>specgen_t.${v}<#sep>, </#sep></#list>)
                  IS DISTINCT FROM (<#list values as v>specgen_d.${v}<#sep>, </#sep></#list>) THEN
      UPDATE SET ${set?join(",\n                 ")}
 WHEN NOT MATCHED AND specgen_d.specgen_keep THEN
      INSERT (${columns?join(", ")})
      VALUES (<#list columns as c>specgen_d.${c}<#sep>, </#sep></#list>)
</#if>
