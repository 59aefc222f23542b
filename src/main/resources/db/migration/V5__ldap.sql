-- The LDAP / Active Directory source: one row once configured.
create table ldap_source (
    id                    int           not null primary key,
    url                   varchar(500)  not null,
    bind_dn               varchar(500),
    -- AES-GCM under a key derived from the PIN key; never returned by the API
    bind_password         bytea,
    bind_password_key_id  varchar(16),
    base_dn               varchar(500)  not null,
    filter                varchar(1000) not null,
    username_attribute    varchar(100)  not null,
    full_name_attribute   varchar(100)  not null,
    email_attribute       varchar(100)  not null,
    deactivate_missing    boolean       not null,
    -- a Spring cron expression (second minute hour day month weekday), or null for none
    schedule              varchar(100),
    last_scheduled_run_at timestamp with time zone,
    updated_at            timestamp with time zone not null,
    constraint ldap_source_single_row check (id = 1)
);
