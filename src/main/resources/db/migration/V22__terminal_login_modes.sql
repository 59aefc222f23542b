-- How terminals let users in: a default login mode for all terminals, each terminal's own
-- (null: the default) and the steps that turn what its card reader sends into a card number
-- (a JSON list, see CardConversion). Unknown cards have a budget of their own per terminal.
create table terminal_settings (
    id                  int         not null primary key,
    default_login_mode  varchar(20) not null,
    unknown_card_budget int         not null,
    version             int         not null
);

insert into terminal_settings (id, default_login_mode, unknown_card_budget, version)
values (1, 'card-or-pin', 20, 0);

alter table terminal add column login_mode varchar(20);
alter table terminal add column card_conversion varchar(4000);
