<#-- @ftlvariable name="" type="dev.specgen.plan.SequenceObject.OwnedBy" -->
ALTER SEQUENCE ${name} OWNED BY ${column};
