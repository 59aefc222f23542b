-- The ids of the PIN keys this database's PINs and secrets were made with. A node that starts
-- with another key, or with none while this table has rows, refuses to start instead of
-- silently making up a key of its own.
create table pin_key (
    key_id     varchar(16) not null primary key,
    created_at timestamp with time zone not null
);
insert into pin_key (key_id, created_at)
select distinct key_id, current_timestamp from pin;
