-- Guessing at terminals is throttled per terminal, in the database so that every node counts
-- the same failures.
create table terminal_throttle (
    terminal_id   bigint not null primary key references terminal (id) on delete cascade,
    failures      int    not null,
    window_start  timestamp with time zone not null,
    blocked_until timestamp with time zone,
    lockouts      int    not null
);
insert into terminal_throttle (terminal_id, failures, window_start, lockouts)
select id, 0, current_timestamp, 0 from terminal;

-- The security section of the settings; a single row.
create table security_settings (
    id                       int not null primary key,
    terminal_failure_budget  int not null,
    terminal_failure_window_minutes int not null,
    version                  int not null,
    constraint security_settings_single_row check (id = 1)
);
insert into security_settings (id, terminal_failure_budget, terminal_failure_window_minutes, version)
values (1, 5, 15, 0);
