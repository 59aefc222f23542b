-- PINs a sync brings along (a CSV's pin column), sealed (AES-GCM, each bound to its run and
-- user) from the moment their line is read until the run writes the PINs, after all of its
-- users: only then does it take the PIN-writes lock. Rows live inside the run's transaction
-- and are deleted before it commits; sealed, since the database's log sees them all the same.
create table staged_pin (
    run_id  bigint      not null,
    user_id bigint      not null,
    line    bigint      not null,
    content bytea       not null,
    key_id  varchar(16) not null,
    constraint staged_pin_pk primary key (run_id, user_id)
);
