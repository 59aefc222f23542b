-- Web and API logins are throttled per account and per source address; a user's own
-- "Generate PIN" is limited per day.
alter table security_settings add column login_failure_budget int default 5 not null;
alter table security_settings add column login_lock_minutes int default 15 not null;
alter table security_settings add column self_service_per_day int default 3 not null;

create table login_throttle (
    throttle_key  varchar(300) not null primary key,
    failures      int          not null,
    window_start  timestamp with time zone not null,
    blocked_until timestamp with time zone
);

create table self_service_use (
    user_id bigint not null references app_user (id) on delete cascade,
    used_at timestamp with time zone not null
);
create index self_service_use_user on self_service_use (user_id, used_at);
