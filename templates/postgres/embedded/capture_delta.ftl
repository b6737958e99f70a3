<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.CaptureDelta" -->
INSERT INTO ${delta} (${columns?join(", ")})
SELECT ${items?join(",\n       ")}
  FROM (<#list changes as change>${change?replace("\n", "\n        ")}<#sep>
        UNION ALL
        </#sep></#list>) AS specgen_change<#if !perRow>
 GROUP BY ${groups?join(", ")}</#if><#if hasHaving>
HAVING ${having?join("\n    OR ")}</#if>
