CREATE TABLE IF NOT EXISTS public.orders (
  id bigserial PRIMARY KEY,
  customer_id bigint REFERENCES customers (id) ON DELETE CASCADE,
  total numeric(12,2) NOT NULL DEFAULT 0,
  note text CHECK (char_length(note) < 200)
);
