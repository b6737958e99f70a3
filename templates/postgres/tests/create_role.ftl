<#-- @ftlvariable name="" type="dev.specgen.testgen.TestStep.CreateRole" -->
<#list whyLines as line>
-- ${line}
</#list>
DO $${tag}$
BEGIN
    PERFORM set_config(${settingLiteral}, ${prefixLiteral} || txid_current() || ${suffixLiteral}, true);
    EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOINHERIT', current_setting(${settingLiteral}));
<#list grantLiterals as g>
    EXECUTE format(${g}, current_setting(${settingLiteral}));
</#list>
END;
$${tag}$;
