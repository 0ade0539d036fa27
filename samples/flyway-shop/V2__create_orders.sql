-- Release 2: orders. Written in a hurry: serial keys and a timestamp without time zone.
CREATE TABLE orders (
    id          serial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    status      varchar(20) NOT NULL DEFAULT 'new',
    placed_at   timestamp NOT NULL DEFAULT now()
);

CREATE TABLE order_items (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    integer NOT NULL REFERENCES orders (id),
    product_id  bigint  NOT NULL REFERENCES products (id),
    quantity    integer NOT NULL CHECK (quantity > 0),
    unit_cents  integer NOT NULL
);

CREATE INDEX order_items_order_id_idx ON order_items (order_id);
