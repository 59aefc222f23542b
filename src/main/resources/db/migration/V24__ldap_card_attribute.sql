-- The directory attribute holding users' card numbers (several values, several cards);
-- null: the directory brings no cards.
alter table ldap_source add column card_attribute varchar(100);
