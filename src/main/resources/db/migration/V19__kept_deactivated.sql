-- A user an administrator deactivated by hand stays deactivated when a sync sees it again as
-- active (the run counts it as kept_deactivated); a source's own "inactive" deactivates as
-- before and is not marked.
alter table app_user add column deactivated_by_admin boolean default false not null;
alter table sync_run add column kept_deactivated int default 0 not null;
