<#-- @ftlvariable name="" type="dev.specgen.plan.WorkflowObject.StepStatement" -->
-- step ${step}: the rows aggregated per key of ${target}, keys in order (writers of the
-- same keys wait for each other instead of deadlocking); a key without a row gets one
INSERT INTO ${target} AS t (${columns?join(", ")})
SELECT ${values?join(",\n       ")}
  FROM (SELECT ${aggregates?join(",\n               ")}
          FROM ${from}
         WHERE ${notNull?join("\n           AND ")}
         GROUP BY ${groupBy?join(", ")}) AS specgen_d
 ORDER BY ${order?join(", ")}
    ON CONFLICT (${key?join(", ")}) DO UPDATE
   SET ${sets?join(",\n       ")}
