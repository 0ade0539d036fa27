SET lock_timeout = '3s';

CREATE TYPE event_kind AS ENUM ('signup', 'login', 'purchase');

-- text -> enum goes through a cast per row: full rewrite of events under ACCESS EXCLUSIVE.
ALTER TABLE events ALTER COLUMN kind TYPE event_kind USING kind::event_kind;
