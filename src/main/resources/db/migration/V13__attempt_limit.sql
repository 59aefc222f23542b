-- One table for every budget of guesses (issue 14): a terminal's PIN checks, an account's and a
-- source address's logins, an administrator's logins from one address, a user's reset codes.
-- It replaces terminal_throttle and login_throttle, whose rows it takes over.
--   failures      wrong attempts counted in the current window
--   pending       attempts reserved before their secret is checked and not yet settled;
--   reserved_at   when the last was reserved (pending ones a minute old were left by a
--                 node that stopped, and are forgotten)
--   blocked_until the end of a lock; only its time or an administrator ends it
--   lockouts      locks in a row, each twice as long as the one before (forgotten after a
--                 day without one)
--   day_start, day_failures  the day of the daily budget, for limits that have one
--   forget_at     when the row says nothing any more (window over, a day after the lock)
create table attempt_limit (
    limit_key     varchar(200) not null primary key,
    window_start  timestamp with time zone not null,
    failures      int not null,
    pending       int not null,
    reserved_at   timestamp with time zone,
    blocked_until timestamp with time zone,
    lockouts      int not null,
    day_start     timestamp with time zone not null,
    day_failures  int not null,
    forget_at     timestamp with time zone not null
);
create index attempt_limit_forget on attempt_limit (forget_at);

-- kept for two days: more than a default window and a day after any lock they hold
insert into attempt_limit (limit_key, window_start, failures, pending, blocked_until, lockouts, day_start,
                           day_failures, forget_at)
select concat('terminal:', cast(terminal_id as varchar(20))), window_start, failures, 0, blocked_until, lockouts,
       window_start, failures, coalesce(blocked_until, window_start) + interval '2' day
from terminal_throttle;

insert into attempt_limit (limit_key, window_start, failures, pending, blocked_until, lockouts, day_start,
                           day_failures, forget_at)
select throttle_key, window_start, failures, 0, blocked_until, 0, window_start, failures,
       coalesce(blocked_until, window_start) + interval '2' day
from login_throttle;

drop table terminal_throttle;
drop table login_throttle;
