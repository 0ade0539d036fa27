-- Release 4: the order history page is slow. A plain CREATE INDEX takes a SHARE lock on orders
-- and blocks every INSERT/UPDATE/DELETE on it until the index is built.
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
