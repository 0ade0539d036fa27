-- Release 8: the safe way to add a check on a live table, step 1: NOT VALID takes a brief lock
-- and does not scan existing rows.
SET lock_timeout = '2s';

ALTER TABLE order_items
    ADD CONSTRAINT order_items_quantity_limit CHECK (quantity <= 1000) NOT VALID;
