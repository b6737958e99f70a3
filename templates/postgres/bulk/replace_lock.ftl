<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.BulkFunction" -->
<#-- The lock of bulk_replace.ftl after PERFORM (or SELECT, when specgen load runs it). -->
pg_catalog.pg_advisory_xact_lock(${lockSpace}, b.bucket)
       FROM (SELECT DISTINCT ${lockBucket} AS bucket
               FROM ${source}) AS b
      ORDER BY b.bucket