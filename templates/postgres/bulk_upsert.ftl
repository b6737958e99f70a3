<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.BulkFunction" -->
<#include "bulk/head.ftl">
<#include "bulk/upsert.ftl">;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    RETURN v_rows;
END;
$${tag}$;
