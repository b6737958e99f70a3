<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.UpsertDelta" -->
INSERT INTO ${store} AS specgen_t (${columns?join(", ")})
SELECT ${items?join(",\n       ")}
  FROM (<#list changes as change>${change?replace("\n", "\n        ")}<#sep>
        UNION ALL
        </#sep></#list>) AS specgen_change
 GROUP BY ${groups?join(", ")}<#if hasHaving>
HAVING ${having?join("\n    OR ")}</#if>
 ORDER BY ${groups?join(", ")}
    ON CONFLICT (${conflict?join(", ")}) DO UPDATE
   SET ${set?join(",\n       ")}
