-- Release 7: shipping country, required from now on. SET NOT NULL scans all of orders under an
-- ACCESS EXCLUSIVE lock, and the unbatched UPDATE rewrites every row in one transaction.
ALTER TABLE orders ADD COLUMN shipping_country char(2);

UPDATE orders SET shipping_country = 'US';

ALTER TABLE orders ALTER COLUMN shipping_country SET NOT NULL;
