-- A sync gives PINs to the users of its run in id order, a thousand at a time: this index
-- makes each step a range scan instead of a scan of all users (quadratic on a large sync).
create index app_user_sync_run on app_user (sync_run_id, id);
