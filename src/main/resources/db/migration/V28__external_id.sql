-- The stable id a source gives a person (a directory's objectGUID or entryUUID, a CSV's
-- externalId column, a SCIM client's externalId), so that a renamed user is still the same
-- user. Unique within its source; null for users made by hand and for those a source has
-- not named yet.
alter table app_user add column external_id varchar(200);
alter table app_user add constraint app_user_external_id_uk unique (source, external_id);

-- The attribute that holds an LDAP source's stable id; null: objectGUID where the directory
-- has it (Active Directory), entryUUID otherwise.
alter table ldap_source add column unique_id_attribute varchar(100);

-- users a run found by their stable id under a new user name
alter table sync_run add column renamed int default 0 not null;
