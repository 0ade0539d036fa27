SET lock_timeout = '3s';

-- A constant default is stored in the catalog since PostgreSQL 11: no rewrite.
ALTER TABLE accounts ADD COLUMN plan text NOT NULL DEFAULT 'free';

-- A volatile default must be computed per row: the whole table is rewritten under ACCESS EXCLUSIVE.
ALTER TABLE accounts ADD COLUMN api_key uuid NOT NULL DEFAULT gen_random_uuid();
