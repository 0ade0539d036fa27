SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new', ALTER COLUMN total TYPE numeric(14,2) USING total::numeric;
ALTER TABLE orders ADD CONSTRAINT orders_c_fk FOREIGN KEY (customer_id) REFERENCES customers(id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_c_fk;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_x ON orders USING btree (lower(note)) WHERE status <> 'gone';
