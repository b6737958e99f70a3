<#-- @ftlvariable name="" type="dev.specgen.plan.SequenceObject.CreateSequence" -->
CREATE SEQUENCE IF NOT EXISTS ${name} AS ${type}<#if hasOptions> ${options}</#if>;
