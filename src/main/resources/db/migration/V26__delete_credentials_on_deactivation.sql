-- Whether deactivating a user deletes its PIN and cards, so that departed users hold no
-- numbers (off by default: a deactivation then keeps them for a reactivation).
alter table pin_settings add column delete_credentials_on_deactivation boolean default false not null;
