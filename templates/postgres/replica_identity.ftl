<#-- @ftlvariable name="" type="dev.specgen.plan.TableFeatureObject.SetReplicaIdentity" -->
ALTER TABLE ${table} REPLICA IDENTITY ${identity};
