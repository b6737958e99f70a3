<#-- @ftlvariable name="" type="dev.specgen.plan.TableFeatureObject.CreateTableTrigger" -->
CREATE OR REPLACE TRIGGER ${name}
    ${timing} ${events} ON ${table}
    FOR EACH ${level}<#if hasCondition>
    WHEN (${condition})</#if>
    EXECUTE FUNCTION ${function}(${argumentList});
