-- Self-registration of unknown cards at a terminal: off, with the user's PIN, or with a
-- one-time code the user takes from their Home page. A user has at most one code; it is
-- kept only as an HMAC under a PIN key, for a few minutes.
alter table terminal_settings add column card_self_registration varchar(8) default 'off' not null;

create table card_registration_code (
    user_id    bigint      not null primary key references app_user (id) on delete cascade,
    digest     bytea       not null,
    key_id     varchar(16) not null,
    expires_at timestamp with time zone not null,
    constraint card_registration_code_digest_uk unique (digest)
);
