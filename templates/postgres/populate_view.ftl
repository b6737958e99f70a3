<#-- @ftlvariable name="" type="dev.specgen.plan.ViewObject.PopulateView" -->
-- fills the view when it was just created; afterwards there is nothing pending and this does nothing
SELECT ${function}();
