-- How the LDAP connection is protected: none, starttls or ldaps; and the certificate(s), in PEM,
-- that the directory's certificate must chain to when it is not one the JVM trusts (an
-- organisation's own CA). The server's host name is always checked against its certificate.
alter table ldap_source add column tls varchar(10) default 'none' not null;
alter table ldap_source add column ca_certificate varchar(20000);
update ldap_source set tls = 'ldaps' where lower(url) like 'ldaps:%';
