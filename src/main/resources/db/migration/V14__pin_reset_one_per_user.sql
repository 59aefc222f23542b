-- A user has at most one reset code: a newer one replaces the older. The unique key lets a
-- request replace the code with one conditional update of this row alone, instead of locking
-- the user's row (which a running sync may hold for minutes). Wrong tries are counted by the
-- attempt limiter now (attempt_limit), not on the code.
delete from pin_reset where id not in (select max(id) from pin_reset group by user_id);
drop index pin_reset_user;
alter table pin_reset add constraint pin_reset_user_uk unique (user_id);
alter table pin_reset drop column attempts;
