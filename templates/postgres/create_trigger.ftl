<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.CreateTrigger" -->
CREATE OR REPLACE TRIGGER ${name}
    AFTER ${event} ON ${table}<#if hasReferencing>
    ${referencing}</#if>
    FOR EACH STATEMENT EXECUTE FUNCTION ${function}();
