-- Release 9 (step 2 of release 8, in its own migration): VALIDATE scans the table under
-- SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes.
SET lock_timeout = '2s';

ALTER TABLE order_items VALIDATE CONSTRAINT order_items_quantity_limit;
