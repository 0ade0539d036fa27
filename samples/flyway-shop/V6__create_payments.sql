-- Release 6: payments. New table, so constraints and indexes here lock nothing that is in use.
CREATE TABLE payments (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    integer NOT NULL,
    amount_cents integer NOT NULL,
    provider    text NOT NULL,
    paid_at     timestamptz
);

ALTER TABLE payments ADD CONSTRAINT payments_order_id_fkey
    FOREIGN KEY (order_id) REFERENCES orders (id);

CREATE INDEX payments_order_id_idx ON payments (order_id);
