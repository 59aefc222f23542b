-- Sealed secrets are bound to their row (AES-GCM associated data): 2 marks content sealed that
-- way; 1 is content sealed before, which opens as it did until it is sealed again.
alter table mail_outbox add column content_version smallint default 1 not null;
alter table ldap_source add column bind_password_version smallint default 1 not null;
