<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.RecomputeExtremes" -->
UPDATE ${store} AS specgen_t
   SET ${set?join(",\n       ")?replace("\n        ", "\n           ")}
  FROM (SELECT ${items?join(", ")}
          FROM (<#list changes as change>${change?replace("\n", "\n                ")}<#sep>
                UNION ALL
                </#sep></#list>) AS specgen_change
         GROUP BY ${groups?join(", ")}) AS specgen_d
 WHERE ${match}
   AND (${touched})
