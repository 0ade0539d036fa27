-- Release 10: orders.id is running out of integers. int -> bigint rewrites the whole table and
-- every index on it under ACCESS EXCLUSIVE; so does the referencing column in order_items.
ALTER TABLE orders ALTER COLUMN id TYPE bigint;

ALTER TABLE order_items ALTER COLUMN order_id TYPE bigint;

-- Widening a varchar does not rewrite (a safe type change).
SET lock_timeout = '2s';
ALTER TABLE orders ALTER COLUMN status TYPE varchar(40);
