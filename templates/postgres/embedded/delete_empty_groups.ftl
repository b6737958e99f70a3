<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.DeleteEmptyGroups" -->
DELETE FROM ${store} AS specgen_t
 USING (SELECT DISTINCT ${items?join(", ")}
          FROM (<#list changes as change>${change?replace("\n", "\n                ")}<#sep>
                UNION ALL
                </#sep></#list>) AS specgen_change) AS specgen_d
 WHERE ${match}
   AND specgen_t.specgen_count = 0
