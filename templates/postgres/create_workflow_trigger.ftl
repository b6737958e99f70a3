<#-- @ftlvariable name="" type="dev.specgen.plan.WorkflowObject.Trigger" -->
CREATE OR REPLACE TRIGGER ${name}
    AFTER INSERT ON ${table}
    REFERENCING NEW TABLE AS specgen_new
    FOR EACH STATEMENT EXECUTE FUNCTION ${function}();
