<#-- @ftlvariable name="" type="dev.specgen.plan.TableFeatureObject.SetRowSecurity" -->
ALTER TABLE ${table} ${action} ROW LEVEL SECURITY;
