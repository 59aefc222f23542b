-- A claimed mail is this node's to send until lease_until; once that is over (the node
-- stopped), any node takes it. Not in an index, so that taking and renewing a lease is an
-- update PostgreSQL keeps on its page (HOT), which claims do not have to walk past.
alter table mail_outbox add column lease_until timestamp with time zone;
