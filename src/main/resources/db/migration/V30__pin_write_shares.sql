-- pin-writes gets shares: writes of one user's PIN and a sync's batches take one each and
-- run side by side; a regeneration and a new temporary PIN take them all. Writers of
-- many PINs at once take pin-bulk-writes first, one at a time.
insert into job_lock (name) values ('pin-writes/2');
insert into job_lock (name) values ('pin-writes/3');
insert into job_lock (name) values ('pin-writes/4');
insert into job_lock (name) values ('pin-writes/5');
insert into job_lock (name) values ('pin-writes/6');
insert into job_lock (name) values ('pin-writes/7');
insert into job_lock (name) values ('pin-writes/8');
insert into job_lock (name) values ('pin-bulk-writes');
