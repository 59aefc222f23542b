-- The login mode each terminal answers with, its own or the default, kept on its row so that
-- a terminal's check reads no settings row: written with the terminal, and rewritten for
-- every terminal that follows the default in the transaction that changes the default.
alter table terminal add column login_mode_in_force varchar(20);
update terminal set login_mode_in_force = coalesce(login_mode,
    (select default_login_mode from terminal_settings where id = 1));
alter table terminal alter column login_mode_in_force set not null;
