<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.MergeDelta" -->
<#if perGroup>
MERGE INTO ${store} AS specgen_t
USING (SELECT * FROM ${rows?replace("\n", "\n                     ")} AS specgen_x
        WHERE ${seen?replace("\n", "\n        ")}) AS specgen_d
<#else>
MERGE INTO ${store} AS specgen_t
USING (SELECT ${sumItems?join(",\n               ")}
         FROM ${rows?replace("\n", "\n              ")} AS specgen_x
        WHERE ${seen?replace("\n", "\n        ")}
        GROUP BY ${groups?join(", ")}) AS specgen_d
</#if>
   ON ${match}
 WHEN MATCHED AND ${emptyGroup} THEN
      DELETE
 WHEN MATCHED THEN
      UPDATE SET ${setItems?join(",\n                 ")?replace("\n        ", "\n                 ")}
 WHEN NOT MATCHED AND ${newGroup} THEN
      INSERT (${insertColumns?join(", ")})
      VALUES (${values?join(",\n              ")?replace("\n        ", "\n              ")})
