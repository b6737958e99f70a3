<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.DropStaleView" -->
-- ${name} is recreated when its definition changed: its comment ends with the hash of the definition it was made
-- from. Views that read it are dropped first (and recreated by their own files); without CASCADE, so an object of
-- yours that depends on it stops the install instead of disappearing.
DO $${tag}$
BEGIN
    IF coalesce(obj_description(to_regclass(${relationLiteral}), 'pg_class'), '') NOT LIKE ${pattern} THEN
<#list drops as drop>
        ${drop};
</#list>
    END IF;
END
$${tag}$;
