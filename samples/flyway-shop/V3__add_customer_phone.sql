-- Release 3: optional phone number. Nullable column, no default: instant on any version.
SET lock_timeout = '2s';

ALTER TABLE customers ADD COLUMN phone text;
