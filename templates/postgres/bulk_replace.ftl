<#-- @ftlvariable name="" type="dev.specgen.plan.SqlObject.BulkFunction" -->
<#include "bulk/head.ftl">
    -- one writer per parent at a time: transaction-level advisory locks on the parents' hash buckets, in order
    PERFORM <#include "bulk/replace_lock.ftl">;
<#include "bulk/replace.ftl">
      INTO v_rows;
    RETURN v_rows;
END;
$${tag}$;
